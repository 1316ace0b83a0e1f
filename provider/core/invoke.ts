import * as pulumi from "@pulumi/pulumi";

/** A lookup's arguments as Pulumi Inputs: each may be a value, a promise or another resource's output. */
export type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/**
 * The invoke style's `...Output` form of a lookup (as `aws.ec2.getVpc` has `getVpcOutput`): it takes Inputs and
 * returns an Output, so its result can feed a resource without `await`. A lookup whose result carries a session
 * or a credential gives a secret Output.
 */
export function outputForm<A extends object, R>(
  lookup: (args: A) => Promise<R>,
  options: { secret?: boolean } = {},
): (args?: InputArgs<A>) => pulumi.Output<R> {
  return (args) => {
    const result = pulumi.output(args ?? {}).apply((plain) => lookup(plain as unknown as A));
    return (options.secret ? pulumi.secret(result) : result) as unknown as pulumi.Output<R>;
  };
}
