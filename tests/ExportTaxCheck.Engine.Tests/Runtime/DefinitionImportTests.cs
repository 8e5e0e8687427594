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
}
