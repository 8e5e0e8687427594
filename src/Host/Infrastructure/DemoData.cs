using System.Globalization;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.RefundDeclarations;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Host -- seed-demo</c>: export lines dated relative to today (Asia/Shanghai), so that the
/// README's example case runs to Closed on the day it is tried. The export declaration numbers carry this year
/// (V-02: their year digits are the declaration's year): <c>5300{yyyy}0000000001</c> (never refunded, 9810) and
/// <c>5300{yyyy}0000000002</c> (refunded, 9710, for the make-up path).
/// </summary>
public static class DemoData
{
    public const string ExporterUscc = "91440300MA5G7K2L3J";

    public static string DeclarationNo(DateOnly today, int serial) =>
        string.Create(CultureInfo.InvariantCulture, $"5300{today.Year:0000}{serial:0000000000}");

    public static IReadOnlyList<ExportLineData> ExportLines(DateOnly today)
    {
        // Declared a month ago but in this year (the number's year digits), exported two days later, never after today:
        // the return deadline is about five months away whatever day it is.
        var declared = today.AddDays(-32) < new DateOnly(today.Year, 1, 1) ? new DateOnly(today.Year, 1, 1) : today.AddDays(-32);
        var exported = declared.AddDays(2) > today ? today : declared.AddDays(2);
        return
        [
            Line(DeclarationNo(today, 1), "9810", declared, exported, "8518300000", "蓝牙耳机", 2000m, 40000m, new RefundSnapshot()),
            Line(DeclarationNo(today, 2), "9710", declared, exported, "8517629900", "无线路由器", 1200m, 24000m,
                new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 23400.00m, RefundRate = 0.13m, LevyRate = 0.13m, RefundedQty = 1200m }),
        ];
    }

    /// <summary>Creates and migrates the database if needed and loads the demo lines; returns what was written.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        var today = ChinaTime.ToChinaDate(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var (written, _) = await services.GetRequiredService<RefundDeclarationService>().LoadExportLinesAsync(ExportLines(today), "seed-demo", ct);
        return written;
    }

    /// <summary>What the command prints: the lines loaded, and the numbers the README's example uses.</summary>
    public static string Describe(int written, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var today = ChinaTime.ToChinaDate(services.GetRequiredService<TimeProvider>().GetUtcNow());
        return string.Join(Environment.NewLine, ExportLines(today).Select(l => string.Create(CultureInfo.InvariantCulture,
            $"{l.Export.DeclarationNo}/1 {l.Export.SupervisionCode} exported {l.Export.ExportDate:yyyy-MM-dd}, {l.Export.ExportedQty:0} PCS, refund {l.Refund.Status}")))
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture, $"Loaded {written} demo export line(s) for {today:yyyy-MM-dd} (Asia/Shanghai).");
    }

    private static ExportLineData Line(string declarationNo, string code, DateOnly declared, DateOnly exported, string hs, string goods, decimal qty, decimal fob, RefundSnapshot refund) => new()
    {
        Export = new ExportLineSnapshot
        {
            DeclarationNo = declarationNo, ItemNo = 1, SupervisionCode = code, DeclarationDate = declared, ExportDate = exported, HsCode = hs, GoodsName = goods,
            LegalUnitCode = "007", ExportedQty = qty, Currency = "USD", FobForeign = fob, ExporterUscc = ExporterUscc, DocStatus = ExportDocStatus.Released,
            HasExportCompletionData = true,
        },
        Refund = refund with { RefundRate = 0.13m, LevyRate = 0.13m },
    };
}
