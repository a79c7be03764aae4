namespace ReviewWorkflow.Web.Steps;

public static class CaseActivityMapping
{
    public static StepActivity ToEngine(this CaseActivity a) =>
        new(a.StepKey, a.Kind, a.ActorId, a.At, FieldCodec.FromJson(a.FieldsJson), a.Note);
}
