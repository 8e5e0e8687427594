using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;

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
        host.Start();

        // Warm-up so the JIT and the host's workers are running before the measured instances.
        await RunRoundAsync(host, "warm", 50);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await RunRoundAsync(host, "case", instances);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        host.Stop();
        await services.DisposeAsync();
        return $"{"WorkflowCore 3.22.0 in memory (not durable): start + signal + finish",-70} {instances,7} {wall.Elapsed.TotalMicroseconds / instances,10:0} µs wall/instance {cpu.TotalMicroseconds / instances,10:0} µs cpu/instance";
    }

    /// <summary>Starts <paramref name="count"/> instances, signals each, and waits until the last step of every one has run.</summary>
    private static async Task RunRoundAsync(IWorkflowHost host, string prefix, int count)
    {
        Finish.Start(count);
        for (var i = 0; i < count; i++)
            await host.StartWorkflow(nameof(TaskWorkflow), 1, new TaskData { Key = prefix + i });
        for (var i = 0; i < count; i++)
            await host.PublishEvent(TaskWorkflow.Signal, prefix + i, "ok");
        await Finish.All.WaitAsync(TimeSpan.FromMinutes(5));
    }

    private sealed class TaskData
    {
        public string Key { get; set; } = "";
    }

    private sealed class Step : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    /// <summary>The instance's last step: counts the instances that got there.</summary>
    private sealed class Finish : StepBody
    {
        private static int s_remaining;
        private static TaskCompletionSource s_all = new();

        public static Task All => s_all.Task;

        public static void Start(int count)
        {
            s_all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref s_remaining, count);
        }

        public override ExecutionResult Run(IStepExecutionContext context)
        {
            if (Interlocked.Decrement(ref s_remaining) == 0)
                s_all.TrySetResult();
            return ExecutionResult.Next();
        }
    }

    private sealed class TaskWorkflow : IWorkflow<TaskData>
    {
        public const string Signal = "task-completed";

        public string Id => nameof(TaskWorkflow);

        public int Version => 1;

        public void Build(IWorkflowBuilder<TaskData> builder) =>
            // Effective from the beginning of time: a signal published before the instance reaches WaitFor is still
            // heard (by default WorkflowCore only hears events published after the wait began, and would hang).
            builder.StartWith<Step>().WaitFor(Signal, data => data.Key, _ => DateTime.MinValue).Then<Finish>();
    }
}
