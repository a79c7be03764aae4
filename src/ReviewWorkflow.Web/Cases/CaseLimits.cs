namespace ReviewWorkflow.Web.Cases;

/// <summary>Length limits on case text, enforced at the API and in the schema (documented in the README).</summary>
public static class CaseLimits
{
    public const int Name = 200;
    public const int Identifier = 200;
    public const int Description = 1000;
    public const int Circumstances = 10_000;
    public const int Rationale = 10_000;
    public const int Tags = 50;
    public const int Tag = 60;
    public const int Persons = 100;
}
