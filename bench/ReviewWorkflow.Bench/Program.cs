using ReviewWorkflow.Bench.Escalation;

// bench/run.sh SUBCOMMAND …  (see bench/run.sh)
return args switch
{
    ["escalation", .. var rest] => await EscalationBench.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewWorkflow.Bench escalation [--open N] [--overdue N] [--messages N]");
    return 2;
}
