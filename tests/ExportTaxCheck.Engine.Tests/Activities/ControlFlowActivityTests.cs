using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tests.Support;
using static ExportTaxCheck.Engine.Tests.Support.Nodes;

namespace ExportTaxCheck.Engine.Tests.Activities;

/// <summary>Elsa's structured activities as its sources define them: loops, branches, sequences, forks, Complete, Break.</summary>
public class ControlFlowActivityTests : IAsyncLifetime
{
    private EngineFixture _engine = null!;

    public async Task InitializeAsync() => _engine = await EngineFixture.CreateAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private async Task<WorkflowRunResult> RunAsync(FlowBuilder flow, JsonObject? input = null)
    {
        var definition = await _engine.PublishAsync(flow.Build());
        return await _engine.RunUntilEndAsync(definition.DefinitionId, input);
    }

    [Fact]
    public async Task ForEach_BodySeesTheItemInJavaScriptAndLiquid_AndOutputGoesToAVariable()
    {
        var result = await RunAsync(new FlowBuilder("foreach").Variable("Last", "Object")
            .Add("loop", "Elsa.ForEach", n =>
            {
                n.SetInput("items", "Object", "Object", "[\"a\",\"b\",\"c\"]");
                n.SetProperty("currentValue", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "var-Last" } });
                n.SetProperty("body", Chain("body",
                    WriteLine("js", "`js ${getCurrentIndex()}:${getCurrentValue()}`", "JavaScript"),
                    WriteLine("liquid", "liquid {{ Variables.CurrentValue }}", "Liquid")));
            })
            .WriteLine("after", "`last ${getLast()}`", "JavaScript")
            .Connect("loop", "after"));

        Assert.True(result.Status == WorkflowStatus.Finished, string.Join("; ", (await _engine.Instances.GetAsync(result.InstanceId, default))!.State.Incidents.Select(i => i.Message)));
        Assert.Equal(["js 0:a", "liquid a", "js 1:b", "liquid b", "js 2:c", "liquid c", "last c"], _engine.Written);
    }

    [Fact]
    public async Task ForEach_BreakInTheBody_EndsTheLoop()
    {
        var breakWhenB = Activity("check", "Elsa.FlowDecision", ("condition", Input("Boolean", "JavaScript", "getCurrentValue() == 'b'")));
        var body = Activity("body", "Elsa.Flowchart",
            ("activities", new JsonArray(WriteLine("say", "getCurrentValue()", "JavaScript"), breakWhenB, Activity("stop", "Elsa.Break"))),
            ("connections", new JsonArray(
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "say", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "check" } },
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "check", ["port"] = "True" }, ["target"] = new JsonObject { ["activity"] = "stop" } })));

        var result = await RunAsync(new FlowBuilder("break")
            .Add("loop", "Elsa.ForEach", n =>
            {
                n.SetInput("items", "Object", "Object", "[\"a\",\"b\",\"c\"]");
                n.SetProperty("body", body);
            })
            .WriteLine("after", "after").Connect("loop", "after"));

        Assert.Equal(["a", "b", "after"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    [Fact]
    public async Task While_RunsWhileTheConditionHolds()
    {
        var result = await RunAsync(new FlowBuilder("while").Variable("N", "Int32", 0)
            .Add("loop", "Elsa.While", n =>
            {
                n.SetInput("condition", "Boolean", "JavaScript", "getN() < 3");
                n.SetProperty("body", Chain("body", WriteLine("count", "(setN(getN() + 1), 'n=' + getN())", "JavaScript")));
            }));

        Assert.Equal(["n=1", "n=2", "n=3"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    [Fact]
    public async Task While_WithoutBody_IsRefusedRatherThanSpinning()
    {
        var result = await RunAsync(new FlowBuilder("spin").Add("loop", "Elsa.While", n => n.SetInput("condition", "Boolean", "Literal", "true")));

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        var incident = Assert.Single((await _engine.Instances.GetAsync(result.InstanceId, default))!.State.Incidents);
        Assert.Equal("LoopWithoutBody", incident.Code);
        Assert.Contains("'body'", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_CountsDownExclusive()
    {
        await RunAsync(new FlowBuilder("for")
            .Add("loop", "Elsa.For", n =>
            {
                n.SetInput("start", "Int32", "Literal", "5");
                n.SetInput("end", "Int32", "Literal", "1");
                n.SetInput("step", "Int32", "Literal", "-2");
                n.SetInput("outerBoundInclusive", "Boolean", "Literal", "false");
                n.SetProperty("body", WriteLine("say", "'i=' + getCurrentValue()", "JavaScript"));
            }));

        Assert.Equal(["i=5", "i=3"], _engine.Written);
    }

    [Theory]
    [InlineData("true", "then")]
    [InlineData("false", "else")]
    public async Task If_RunsThenOrElse_AndCompletesAfterIt(string condition, string expected)
    {
        await RunAsync(new FlowBuilder("if")
            .Add("choose", "Elsa.If", n =>
            {
                n.SetInput("condition", "Boolean", "JavaScript", condition);
                n.SetProperty("then", WriteLine("then", "then"));
                n.SetProperty("else", WriteLine("else", "else"));
            })
            .WriteLine("after", "after").Connect("choose", "after"));

        Assert.Equal([expected, "after"], _engine.Written);
    }

    [Fact]
    public async Task Switch_MatchAny_RunsEveryMatchingCase_ThenCompletes()
    {
        await RunAsync(new FlowBuilder("switch")
            .Add("route", "Elsa.Switch", n =>
            {
                n.SetInput("mode", "SwitchMode", "Literal", "MatchAny");
                n.SetProperty("cases", new JsonArray(
                    new JsonObject { ["label"] = "Small", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "1 < 2" }, ["activity"] = WriteLine("small", "small") },
                    new JsonObject { ["label"] = "Never", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "false" }, ["activity"] = WriteLine("never", "never") },
                    new JsonObject { ["label"] = "Also", ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = "true" }, ["activity"] = WriteLine("also", "also") }));
                n.SetProperty("default", WriteLine("default", "default"));
            })
            .WriteLine("after", "after").Connect("route", "after"));

        Assert.Equal(["small", "also", "after"], _engine.Written);
    }

    [Fact]
    public async Task SequenceRoot_RunsInOrder_AndCompleteEndsTheWorkflow()
    {
        var definition = new WorkflowDefinitionModel
        {
            DefinitionId = "sequence",
            Name = "sequence",
            Root = System.Text.Json.JsonSerializer.Deserialize<ActivityNode>(Activity("root", "Elsa.Sequence", ("activities", new JsonArray(
                WriteLine("one", "one"),
                Activity("rename", "Elsa.SetName", ("value", Input("String", "Literal", "renamed"))),
                Activity("correlate", "Elsa.Correlate", ("correlationId", Input("String", "Literal", "corr-7"))),
                WriteLine("two", "two"),
                Activity("stop", "Elsa.Complete"),
                WriteLine("never", "never")))).ToJsonString(), WorkflowJson.Options),
        };
        await _engine.PublishAsync(definition);

        var result = await _engine.RunUntilEndAsync("sequence");

        Assert.Equal(["one", "two"], _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var summary = (await _engine.Instances.GetAsync(result.InstanceId, default))!.Summary;
        Assert.Equal("renamed", summary.Name);
        Assert.Equal("corr-7", summary.CorrelationId);
    }

    [Theory]
    [InlineData("WaitAll", new[] { "fast", "after-wait", "after" })]
    [InlineData("WaitAny", new[] { "fast", "after" })]
    public async Task Fork_JoinMode_DecidesWhenItCompletes(string joinMode, string[] expected)
    {
        var flow = new FlowBuilder("fork-" + joinMode.ToLowerInvariant())
            .Add("fork", "Elsa.Fork", n =>
            {
                n.SetProperty("joinMode", joinMode);
                n.SetProperty("branches", new JsonArray(
                    WriteLine("fast", "fast"),
                    Chain("slow", Activity("wait", "Elsa.Event", ("eventName", Input("String", "Literal", "go"))), WriteLine("after-wait", "after-wait"))));
            })
            .WriteLine("after", "after").Connect("fork", "after");
        var definition = await _engine.PublishAsync(flow.Build());

        var started = await _engine.StartAsync(definition.DefinitionId);
        if (started.Status != WorkflowStatus.Finished)
            await _engine.Runtime.TriggerEventAsync("go", null, null, null, null, default);

        Assert.Equal(expected, _engine.Written);
        Assert.Equal(WorkflowStatus.Finished, (await _engine.Instances.GetAsync(started.InstanceId, default))!.Summary.Status);
    }

    [Fact]
    public async Task RunJavaScript_ChoosesItsPort_AndItsResultIsItsOutput()
    {
        await RunAsync(new FlowBuilder("script").Variable("Sum", "Int32")
            .Add("calc", "Elsa.RunJavaScript", n =>
            {
                n.SetInput("script", "String", "Literal", "setOutcome(getInput('n') > 1 ? 'Big' : 'Small'); return getInput('n') * 2;");
                n.SetInput("possibleOutcomes", "String[]", "Object", "[\"Big\",\"Small\"]");
                n.SetProperty("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "var-Sum" } });
            })
            .WriteLine("big", "'big ' + getSum()", "JavaScript").WriteLine("small", "small")
            .Connect("calc", "big", "Big").Connect("calc", "small", "Small"), new JsonObject { ["n"] = 21 });

        Assert.Equal(["big 42"], _engine.Written);
    }

    [Fact]
    public async Task SetOutput_AtTheTop_IsTheWorkflowsOutput()
    {
        var result = await RunAsync(new FlowBuilder("output")
            .Add("set", "Elsa.SetOutput", n =>
            {
                n.SetInput("outputName", "String", "Literal", "Answer");
                n.SetInput("outputValue", "Object", "JavaScript", "({ value: 42 })");
            }));

        Assert.Equal(42, result.Output["Answer"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task FlowNode_RunsItsBody_ThenTakesDone()
    {
        await RunAsync(new FlowBuilder("flownode")
            .Add("box", "Elsa.FlowNode", n => n.SetProperty("body", Chain("inner", WriteLine("a", "inside"))))
            .WriteLine("after", "after").Connect("box", "after"));

        Assert.Equal(["inside", "after"], _engine.Written);
    }
}
