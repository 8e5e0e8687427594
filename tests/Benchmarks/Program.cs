using System.Globalization;
using ExportTaxCheck.Benchmarks;

var command = args.FirstOrDefault() ?? "steps";
BenchmarkFolder.Use();
var count = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 2000;
switch (command)
{
    case "steps":
        await StepBenchmark.RunAsync(count);
        return 0;
    case "tasks":
        await TaskBenchmark.RunAsync(count);
        return 0;
    case "scale":
        await ScaleBenchmark.RunAsync(cases: args.Length > 1 ? count : 500,
            instances: args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var stored) ? stored : 1_000_000,
            sections: args.Length > 3 ? args[3] : "e2e,steps,resume");
        return 0;
    case "opens":
        await OpenBenchmark.RunAsync(args.Length > 1 ? count : 20_000);
        return 0;
    case "peer":
        Console.WriteLine(await PeerBenchmark.RunAsync(count));
        return 0;
    case "mail":
        await MailBenchmark.RunAsync(args.Length > 1 ? count : 5000);
        return 0;
    case "casefile":
        CaseFileBenchmark.Run(args.Length > 1 ? count : 20_000);
        return 0;
    case "view":
        await ViewBenchmark.RunAsync(args.Length > 1 ? count : 2000);
        return 0;
    case "speed":
        foreach (var _ in Enumerable.Range(0, args.Length > 1 ? count : 5))
            Console.WriteLine($"one fixed piece of work on each processor: {ProcessorSpeed.Describe(ProcessorSpeed.FixedWorkMilliseconds())} ms CPU");
        return 0;
    case "studio":
        await StudioBenchmark.RunAsync(rounds: args.Length > 1 ? count : 5);
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Benchmarks -- steps|tasks|peer|opens|mail|casefile|view|speed [count] | scale [cases] [stored instances] [e2e,e2e-sqlite,steps,resume] | studio [rounds]");
        return 2;
}
