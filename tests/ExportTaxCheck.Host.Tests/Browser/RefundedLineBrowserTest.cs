using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using Microsoft.Playwright;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>
/// A Host with the product flows, Chromium, and one 9710 export line whose VAT was refunded (so a case on it goes through the
/// make-up): the setting of issue 18's browser tests. Each case opened returns 300 of its 1000 pieces.
/// </summary>
public abstract class RefundedLineBrowserTest : IAsyncLifetime
{
    protected const string Decl = "530020260007654321";

    protected HostFixture Host { get; } = new HostFixture().WithProductFlows();
    protected CaseDriver Cases { get; private set; } = null!;
    protected Chromium Browser { get; private set; } = null!;
    protected Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cases = new CaseDriver(Host);
        BaseAddress = Host.Anonymous().BaseAddress!;
        Browser = await Chromium.LaunchAsync();
        await Cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 1000, refundStatus: "Refunded", vatRefunded: 13000m));
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }

    protected Task<IPage> NewPageAsync(string locale, int width = 1280) => Browser.NewPageAsync(BaseAddress, width, locale: locale);

    protected Task<IPage> SignInAsync(string userName, string locale, int width = 1280) => Browser.SignedInPageAsync(BaseAddress, userName, width, locale);

    protected async Task<string> OpenAsync() =>
        (await Cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 300, "CustomerReturn", "2026-08-20")],
            [CaseDriver.Document("PlatformReturnRecord", Decl), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
}
