using System.Globalization;
using System.Text.Json;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// What saving a case file costs in JSON, per step: a closed case's file as the end-to-end run left it (8.6 KB, 15
/// timeline entries), changed as a status change changes it (a new case header, a new timeline entry, the rest carried
/// over), then written with the case file's setting, which writes each carried-over part once, and with the same setting
/// without that, taking turns in rounds. CPU per save and the ratio, same run.
/// </summary>
public static class CaseFileBenchmark
{
    private const int Rounds = 5;

    public static void Run(int saves)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "closed-case-file.json"));
        var everyTime = WrittenOnceConverterFactory.Without(ReturnsJson.Options);
        var stored = ReturnsJson.Deserialize<CaseFile>(json);
        if (JsonSerializer.Serialize(stored, everyTime) != ReturnsJson.Serialize(stored))
            throw new InvalidOperationException("The case file's setting wrote other JSON than the same setting without its written-once parts.");

        var once = new List<double>();
        var every = new List<double>();
        for (var round = 0; round < Rounds + 1; round++)
        {
            var a = Saves(json, ReturnsJson.Options, saves);
            var b = Saves(json, everyTime, saves);
            if (round == 0)
                continue; // warm-up
            once.Add(a);
            every.Add(b);
        }
        Console.WriteLine($"case file saved after a status change ({json.Length / 1024.0:0.0} KB, {stored.Timeline.Count} timeline entries), CPU per save, median of {Rounds} rounds of {saves}:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  carried-over parts written once: {Benchmarks.Rounds.Median(once):0.0} µs; everything written every time: {Benchmarks.Rounds.Median(every):0.0} µs; ratio {Benchmarks.Rounds.Median(once) / Benchmarks.Rounds.Median(every):0.00}"));
        Console.WriteLine("  by round (once / every time): " + string.Join("  ", once.Zip(every, (x, y) => string.Create(CultureInfo.InvariantCulture, $"{x:0.0}/{y:0.0}"))));
    }

    /// <summary>CPU µs per save of <paramref name="saves"/> steps, each a status change on the file the step before saved.</summary>
    private static double Saves(string json, JsonSerializerOptions options, int saves)
    {
        var file = JsonSerializer.Deserialize<CaseFile>(json, options)!;
        var statuses = new[] { ReturnCaseStatus.EvidenceReview, ReturnCaseStatus.Closed };
        var length = 0L;
        var cpu = ProcessCpu.Now();
        for (var i = 0; i < saves; i++)
        {
            var status = statuses[i % statuses.Length];
            var entry = new CaseEvent { At = file.Timeline[^1].At.AddMinutes(1), Kind = "Status", Status = status, Message = "Step " + i.ToString(CultureInfo.InvariantCulture), Text = "Received" };
            // One entry in, the oldest out: the file keeps its size over the run.
            file = file with { Case = file.Case with { Status = status }, Timeline = [.. file.Timeline.Skip(1), entry] };
            length += JsonSerializer.Serialize(file, options).Length;
        }
        var perSave = (ProcessCpu.Now() - cpu).TotalMicroseconds / saves;
        return length > 0 ? perSave : double.NaN;
    }
}
