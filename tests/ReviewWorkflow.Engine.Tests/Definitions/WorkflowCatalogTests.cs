using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

public sealed class WorkflowCatalogTests
{
    private static readonly string V1 = Minimal.Yaml;
    private static readonly string V2 = Minimal.With(("version: 1", "version: 2"), ("title: Minimal review", "title: Minimal review, second edition"));

    private static string HashOf(string yaml) => Minimal.Valid(yaml).ContentHash;

    private static WorkflowCatalog LoadValid(IEnumerable<(string, string)> files, IReadOnlyDictionary<(string, int), string>? published = null)
    {
        var (catalog, errors) = WorkflowCatalog.Load(files, published);
        Assert.Empty(errors.Select(e => e.ToString()));
        return catalog!;
    }

    private static IReadOnlyList<string> LoadErrors(IEnumerable<(string, string)> files, IReadOnlyDictionary<(string, int), string>? published = null)
    {
        var (catalog, errors) = WorkflowCatalog.Load(files, published);
        Assert.Null(catalog);
        return [.. errors.Select(e => e.ToString())];
    }

    [Fact]
    public void NewCasesGetTheLatestVersionAndRunningCasesFindTheirOwn()
    {
        var catalog = LoadValid([("minimal/v1.yaml", V1), ("minimal/v2.yaml", V2), (Files.DefaultWorkflowPath, Files.DefaultWorkflow())]);

        Assert.Equal(2, catalog.Latest("minimal")!.Version);
        Assert.Equal("Minimal review", catalog.Find("minimal", 1)!.Title);
        Assert.Equal("Minimal review, second edition", catalog.Find("minimal", 2)!.Title);
        Assert.Equal(1, catalog.Latest("unexplained-death")!.Version);
        Assert.Null(catalog.Find("minimal", 3));
        Assert.Null(catalog.Latest("no-such-workflow"));
        Assert.Equal(3, catalog.All.Count());
    }

    [Fact]
    public void VersionsOrderByNumberNotByName()
    {
        var v10 = Minimal.With(("version: 1", "version: 10"));
        var catalog = LoadValid([("minimal/v10.yaml", v10), ("minimal/v2.yaml", V2), ("minimal\\v1.yaml", V1)]);

        Assert.Equal(10, catalog.Latest("minimal")!.Version);
    }

    [Fact]
    public void AChangedPublishedVersionIsRefusedWithAPointerToANewVersionFile()
    {
        var published = new Dictionary<(string, int), string> { [("minimal", 1)] = HashOf(V1) };
        var edited = V1.Replace("due: PT4H", "due: PT8H");

        Assert.Equal(
            [
                "minimal/v1.yaml:1: (file): version 1 of 'minimal' is published and its content has changed; a published version must never change, "
                + "because running cases follow it: restore this file and publish the change as a new version file, minimal/v3.yaml",
            ],
            LoadErrors([("minimal/v1.yaml", edited), ("minimal/v2.yaml", V2)], published));
    }

    [Fact]
    public void AnUnchangedPublishedVersionLoadsEvenWithWindowsLineEndings()
    {
        var published = new Dictionary<(string, int), string> { [("minimal", 1)] = HashOf(V1) };

        var catalog = LoadValid([("minimal/v1.yaml", V1.Replace("\n", "\r\n")), ("minimal/v2.yaml", V2)], published);

        Assert.Equal(HashOf(V1), catalog.Find("minimal", 1)!.ContentHash);
    }

    [Fact]
    public void APublishedVersionWhoseFileIsGoneIsRefused()
    {
        var published = new Dictionary<(string, int), string> { [("minimal", 1)] = HashOf(V1) };

        Assert.Equal(
            ["minimal/v1.yaml:1: (file): version 1 of 'minimal' is published but its file is missing; cases started on it still follow it: restore the file"],
            LoadErrors([("minimal/v2.yaml", V2)], published));
    }

    [Fact]
    public void KeyMustMatchTheFolder()
    {
        Assert.Equal(
            ["other/v1.yaml:1: key: key 'minimal' does not match its folder 'other'"],
            LoadErrors([("other/v1.yaml", V1)]));
    }

    [Fact]
    public void VersionMustMatchTheFileName()
    {
        Assert.Equal(
            ["minimal/v3.yaml:2: version: version 2 does not match the file name v3.yaml"],
            LoadErrors([("minimal/v3.yaml", V2)]));
    }

    [Theory]
    [InlineData("minimal.yaml")]
    [InlineData("minimal/version1.yaml")]
    [InlineData("minimal/v01.yaml")]
    [InlineData("workflows/minimal/v1.yaml")]
    public void AFileOutsideTheKeyFolderVersionLayoutIsRefused(string path)
    {
        Assert.Equal(
            [$"{path}:1: (file): expected a path like <workflow-key>/v<N>.yaml, relative to the workflows folder"],
            LoadErrors([(path, V1)]));
    }

    [Fact]
    public void ErrorsOfEveryFileAreReportedTogether()
    {
        var errors = LoadErrors(
        [
            ("minimal/v1.yaml", V1.Replace("kind: family-information", "kind: family")),
            ("minimal/v2.yaml", V2),
            (Files.DefaultWorkflowPath, Files.DefaultWorkflow().Replace("due: PT4H", "due: 4h")),
        ]);

        Assert.Equal(
            [
                "minimal/v1.yaml:17: steps[2].kind: unknown kind 'family' (expected one of task, linkage, family-information, sign-off, decision)",
                "unexplained-death/v1.yaml:20: steps[0].due: '4h' is not a valid duration; expected an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. PT4H or P7D",
            ],
            errors);
    }
}
