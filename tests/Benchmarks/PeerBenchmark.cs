using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// The peer that could be run here: WorkflowCore 3.22.0 with its in-memory persistence (nothing written anywhere, so
/// not durable), the same shape as the step benchmark: start an instance that waits for an outside signal, then send
/// the signal and let it finish. Process CPU per instance is the figure compared.
/// </summary>
public static class PeerBenchmark
{
    public static async Task<string> RunAsync(int instances)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddWorkflow()
            .BuildServiceProvider();
        var host = services.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<TaskWorkflow, TaskData>();
        var completed = 0;
        var allDone = new TaskCompletionSource();
        host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted && Interlocked.Increment(ref completed) == instances)
                allDone.TrySetResult();
        };
        host.Start();

        // Warm-up so the JIT and the host's workers are running before the measured instances.
        await RunRoundAsync(host, "warm", 50);
        Interlocked.Exchange(ref completed, 0);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var keys = new List<string>(instances);
        for (var i = 0; i < instances; i++)
        {
            var key = "case-" + i;
            await host.StartWorkflow(nameof(TaskWorkflow), 1, new TaskData { Key = key });
            keys.Add(key);
        }
        foreach (var key in keys)
            await host.PublishEvent(TaskWorkflow.Signal, key, "ok");
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        host.Stop();
        await services.DisposeAsync();
        return $"{"WorkflowCore 3.22.0 in memory (not durable): start + signal + finish",-70} {instances,7} {wall.Elapsed.TotalMicroseconds / instances,10:0} µs wall/instance {cpu.TotalMicroseconds / instances,10:0} µs cpu/instance";
    }

    private static async Task RunRoundAsync(IWorkflowHost host, string prefix, int count)
    {
        var done = 0;
        var finished = new TaskCompletionSource();
        void OnEvent(LifeCycleEvent e)
        {
            if (e is WorkflowCompleted && Interlocked.Increment(ref done) == count)
                finished.TrySetResult();
        }
        host.OnLifeCycleEvent += OnEvent;
        for (var i = 0; i < count; i++)
            await host.StartWorkflow(nameof(TaskWorkflow), 1, new TaskData { Key = prefix + i });
        for (var i = 0; i < count; i++)
            await host.PublishEvent(TaskWorkflow.Signal, prefix + i, "ok");
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        host.OnLifeCycleEvent -= OnEvent;
    }

    private sealed class TaskData
    {
        public string Key { get; set; } = "";
    }

    private sealed class Step : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    private sealed class TaskWorkflow : IWorkflow<TaskData>
    {
        public const string Signal = "task-completed";

        public string Id => nameof(TaskWorkflow);

        public int Version => 1;

        public void Build(IWorkflowBuilder<TaskData> builder) =>
            builder.StartWith<Step>().WaitFor(Signal, data => data.Key).Then<Step>();
    }
}
