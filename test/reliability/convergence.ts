/** The checks every fault case ends with: no duplicate, no orphan, state true to the API. */

/** Whether a resource's state holds its natural key among its string values (inputs and outputs). */
export function holdsKey(outputs: unknown, key: string): boolean {
  const wanted = key.toLowerCase();
  const visit = (value: unknown): boolean =>
    typeof value === "string"
      ? value.toLowerCase() === wanted
      : Array.isArray(value)
        ? value.some(visit)
        : !!value && typeof value === "object" && Object.values(value).some(visit);
  return visit(outputs);
}

/**
 * Problems with the objects behind `keys`: a key the API holds twice (duplicate), one the API holds but the state
 * does not (orphan), one the state holds but the API does not (ghost).
 */
export function convergenceProblems(keys: string[], apiObjects: string[], stateKeys: string[]): string[] {
  const problems: string[] = [];
  const count = (list: string[], key: string) =>
    list.filter((k) => k.toLowerCase() === key.toLowerCase()).length;
  for (const key of keys) {
    const inApi = count(apiObjects, key);
    const inState = count(stateKeys, key);
    if (inApi > 1) problems.push(`duplicate: ${key} exists ${inApi} times`);
    if (inState > 1) problems.push(`state holds ${key} ${inState} times`);
    if (inApi > 0 && inState === 0) problems.push(`orphan: ${key} exists but the state does not have it`);
    if (inApi === 0 && inState > 0) problems.push(`ghost: the state has ${key} but the API does not`);
  }
  return problems;
}
