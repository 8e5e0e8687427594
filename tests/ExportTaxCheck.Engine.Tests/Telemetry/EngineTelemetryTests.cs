using System.Diagnostics;
using ExportTaxCheck.Engine.Telemetry;
using ExportTaxCheck.Engine.Tests.Support;

namespace ExportTaxCheck.Engine.Tests.Telemetry;

public class EngineTelemetryTests
{
    [Fact]
    public async Task Start_OneStep_IsASpanWithAChildSpanPerActivityThatRan()
    {
        var spans = new List<System.Diagnostics.Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => { lock (spans) spans.Add(span); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var engine = await EngineFixture.CreateAsync();
        await engine.PublishAsync(new FlowBuilder("traced").Add("start", "Elsa.Start").WriteLine("hello", "hello").Connect("start", "hello").Build());

        var result = await engine.StartAsync("traced");

        System.Diagnostics.Activity[] mine;
        lock (spans)
            mine = spans.Where(s => s.RootId == spans.Single(p => p.OperationName == "workflow.step start" && (string?)p.GetTagItem("workflow.instance.id") == result.InstanceId).RootId).ToArray();
        var step = Assert.Single(mine, s => s.OperationName == "workflow.step start");
        Assert.Equal("Finished", step.GetTagItem("workflow.status"));
        var children = mine.Where(s => s.ParentSpanId == step.SpanId).Select(s => s.OperationName).ToList();
        Assert.Contains("workflow.activity Elsa.Start", children);
        Assert.Contains("workflow.activity Elsa.WriteLine", children);
    }
}
