using ExportTaxCheck.Benchmarks;

var command = args.FirstOrDefault() ?? "steps";
var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 2000;
switch (command)
{
    case "steps":
        await StepBenchmark.RunAsync(count);
        return 0;
    case "tasks":
        await TaskBenchmark.RunAsync(count);
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Benchmarks -- steps|tasks [count]");
        return 2;
}
