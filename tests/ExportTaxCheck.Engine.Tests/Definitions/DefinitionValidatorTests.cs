using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Definitions;

public class DefinitionValidatorTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private IReadOnlyList<ValidationError> Validate(WorkflowDefinitionModel model) =>
        _engine.Services.GetRequiredService<DefinitionValidator>().Validate(model);

    [Fact]
    public void Validate_UnknownActivityType_NamesTypeAndActivity()
    {
        var errors = Validate(new FlowBuilder("x").Add("a1", "Elsa.DoesNotExist").Build());

        var error = Assert.Single(errors);
        Assert.Equal("UnknownActivityType", error.Code);
        Assert.Equal("a1", error.ActivityId);
        Assert.Contains("Elsa.DoesNotExist", error.Message);
    }

    [Fact]
    public void Validate_DanglingConnection_IsReported()
    {
        var errors = Validate(new FlowBuilder("x").WriteLine("a", "hi").Connect("a", "ghost").Build());

        Assert.Contains(errors, e => e.Code == "DanglingConnection" && e.Message.Contains("ghost"));
    }

    [Fact]
    public void Validate_DuplicateIds_IsReported()
    {
        var errors = Validate(new FlowBuilder("x").WriteLine("a", "1").WriteLine("a", "2").Build());

        Assert.Contains(errors, e => e.Code == "DuplicateActivityId" && e.ActivityId == "a");
    }

    [Fact]
    public void Validate_EveryActivityInACycle_HasNoStart()
    {
        var errors = Validate(new FlowBuilder("x").WriteLine("a", "1").WriteLine("b", "2").Connect("a", "b").Connect("b", "a").Build());

        Assert.Contains(errors, e => e.Code == "NoStart");
    }

    [Fact]
    public void Validate_PortTheActivityDoesNotHave_IsReported()
    {
        var errors = Validate(new FlowBuilder("x")
            .Add("d", "Elsa.FlowDecision", n => n.SetInput("condition", "Boolean", "Literal", "true"))
            .WriteLine("a", "1").Connect("d", "a", "Maybe").Build());

        Assert.Contains(errors, e => e.Code == "UnknownPort" && e.Message.Contains("True, False"));
    }

    [Fact]
    public void Validate_JavaScriptSyntaxError_IsReportedWithInput()
    {
        var errors = Validate(new FlowBuilder("x").WriteLine("a", "return (;", "JavaScript").Build());

        var error = Assert.Single(errors);
        Assert.Equal("InvalidExpression", error.Code);
        Assert.Contains("input 'text'", error.Message);
    }

    [Fact]
    public void Validate_LiteralOfWrongType_IsReported()
    {
        var errors = Validate(new FlowBuilder("x").Add("d", "Elsa.Delay", n => n.SetInput("timeSpan", "TimeSpan", "Literal", "soon")).Build());

        Assert.Contains(errors, e => e.Code == "InvalidExpression" && e.Message.Contains("'soon' is not a valid TimeSpan"));
    }

    [Fact]
    public void Validate_SetVariableOfUndeclaredVariable_IsReported()
    {
        var errors = Validate(new FlowBuilder("x").Add("s", "Elsa.SetVariable", n =>
        {
            n.SetProperty("variable", new JsonObject { ["id"] = "nope", ["name"] = "Nope" });
            n.SetInput("value", "Object", "Literal", "1");
        }).Build());

        Assert.Contains(errors, e => e.Code == "UnknownVariable");
    }

    [Fact]
    public void Validate_UnsupportedExpressionType_IsReported()
    {
        var errors = Validate(new FlowBuilder("x").WriteLine("a", "1 + 1", "C#").Build());

        Assert.Contains(errors, e => e.Code == "InvalidExpression" && e.Message.Contains("'C#' is not supported"));
    }

    [Theory]
    [InlineData("ImportAndExecute-writeline.json")]
    [InlineData("ImportAndExecute-implicit-loop.json")]
    [InlineData("JoinBehaviors-fork-decision-join-waitall.json")]
    [InlineData("FlowchartCompletion-workflow3.json")]
    [InlineData("ImportAndPublish-timer-workflow.json")]
    public void Validate_ElsaSample_IsValid(string file)
    {
        var model = WorkflowJson.Parse(File.ReadAllText(Samples.PathOf(file)));

        Assert.Empty(Validate(model));
    }
}
