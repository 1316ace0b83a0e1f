import * as pulumi from "@pulumi/pulumi";

/** A lookup's arguments as Pulumi Inputs: each may be a value, a promise or another resource's output. */
export type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/**
 * The invoke style's `...Output` form of a lookup (as `aws.ec2.getVpc` has `getVpcOutput`): it takes Inputs and
 * returns an Output, so its result can feed a resource without `await`. A lookup whose result carries a session
 * or a credential gives a secret Output.
 */
export function outputForm<F extends (args: never) => Promise<unknown>>(
  lookup: F,
  options: { secret?: boolean } = {},
): (args?: InputArgs<LookupArgs<F>>) => pulumi.Output<Awaited<ReturnType<F>>> {
  return (args) => {
    const result = pulumi.output(args ?? {}).apply((plain) => lookup(plain as never));
    return (options.secret ? pulumi.secret(result) : result) as unknown as pulumi.Output<
      Awaited<ReturnType<F>>
    >;
  };
}

/** A lookup's arguments object, also when the lookup takes it as optional. */
type LookupArgs<F extends (args: never) => unknown> = NonNullable<Parameters<F>[0]>;
