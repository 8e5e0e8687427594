using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Runtime;

public class DefinitionImportTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Theory]
    [InlineData("ImportAndExecute-implicit-loop.json")]
    [InlineData("Scenarios-hello-world.json")]
    [InlineData("JoinBehaviors-fork-decision-join-waitall.json")]
    public async Task Import_SameFileTwice_SecondIsUnchanged(string file)
    {
        var model = () => WorkflowJson.Parse(File.ReadAllText(Samples.PathOf(file)));

        var first = await _engine.Definitions.ImportAsync(model(), default);
        var second = await _engine.Definitions.ImportAsync(model(), default);

        Assert.Equal("created", first.Outcome);
        Assert.Equal("unchanged", second.Outcome);
        Assert.Equal(1, second.Definition.Version);
    }

    [Fact]
    public async Task Import_ChangedFile_BecomesNewPublishedVersion()
    {
        await _engine.Definitions.ImportAsync(WorkflowJson.Parse(File.ReadAllText(Samples.PathOf("Scenarios-hello-world.json"))), default);
        var changed = WorkflowJson.Parse(File.ReadAllText(Samples.PathOf("Scenarios-hello-world.json")));
        changed.Root!.Activities![0].SetInput("text", "String", "Literal", "Hello again");

        var (definition, outcome) = await _engine.Definitions.ImportAsync(changed, default);

        Assert.Equal("updated", outcome);
        Assert.Equal(2, definition.Version);
        Assert.True(definition.IsPublished);
        var versions = await _engine.Definitions.ListVersionsAsync(definition.DefinitionId, default);
        Assert.Single(versions, v => v.IsPublished);
    }

    [Fact]
    public async Task FindHead_FindsTheVersionFindRecordFinds_ForEverySelector()
    {
        var hello = () => WorkflowJson.Parse(File.ReadAllText(Samples.PathOf("Scenarios-hello-world.json")));
        await _engine.Definitions.ImportAsync(hello(), default);
        var published = hello();
        published.Root!.Activities![0].SetInput("text", "String", "Literal", "Hello again");
        var (second, _) = await _engine.Definitions.ImportAsync(published, default);
        var draft = hello();
        draft.Root!.Activities![0].SetInput("text", "String", "Literal", "Not yet");
        await _engine.Definitions.SaveAsync(draft, publish: false, default);

        VersionOptions[] selectors =
        [
            VersionOptions.Latest, VersionOptions.Published, VersionOptions.LatestOrPublished, VersionOptions.All,
            new(VersionSelector.LatestAndPublished), new(VersionSelector.Draft),
            VersionOptions.SpecificVersion(1), VersionOptions.SpecificVersion(2), VersionOptions.SpecificVersion(9),
        ];
        await using var db = await _engine.ContextAsync();
        var found = new List<int?>();
        foreach (var versions in selectors)
        {
            var record = await _engine.Definitions.FindRecordAsync(second.DefinitionId, versions, default);
            var head = await DefinitionService.FindHeadAsync(db, second.DefinitionId, versions, default);
            Assert.Equal(record is null ? null : (record.Id, record.Revision, record.Version, record.Name), head);
            found.Add(head?.Version);
        }

        Assert.Equal([3, 2, 3, 3, null, 3, 1, 2, null], found);
        Assert.Null(await DefinitionService.FindHeadAsync(db, "no-such-definition", VersionOptions.Published, default));
    }
}
