using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Host.Tests.Browser;
using ExportTaxCheck.Host.Tests.Notifications;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Returns;

/// <summary>
/// Cases run through their steps (a make-up repaid, a certificate, a cross-check difference, a refusal at clearance and one
/// at evidence review), then every page a supervisor opens (case list, each case, each task, inbox, refunds, mail) is read
/// in Chinese and in English, and every mail sent: none shows an enum member's name or a reason code without its sentence.
/// In Chinese every internal word counts (<see cref="PageChecks.InternalWords"/>) and nothing is left in English; in
/// English the reason codes and the compound member names count ("MakeUpRequired", "TaxPaid"): a one-word member
/// ("Refunded") is also an English word.
/// </summary>
public abstract class ShownWordsTests(TestDatabase database) : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private HostFixture _host = null!;
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _host = new HostFixture(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:From"] = "ExportTaxCheck <noreply@etc.example.cn>",
        }, database).WithProductFlows();
        _cases = new CaseDriver(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>Reason codes and compound enum member names: what an English reader must not meet without its text.</summary>
    private static readonly IReadOnlyList<string> EnglishInternalWords =
        [.. PageChecks.InternalWords.Where(w => DisplayTexts.HasReason(w) || w.Contains('_', StringComparison.Ordinal) || Regex.IsMatch(w, "^[A-Z][a-z0-9]+[A-Z]", RegexOptions.None, TimeSpan.FromSeconds(1)))];

    private static JsonObject WithContact(JsonObject body)
    {
        body["contactEmail"] = "returns@lanbo-trading.example.cn";
        return body;
    }

    [Fact]
    public async Task EveryPageAndMail_OfCasesWithAMakeUpAMismatchAndRefusals_ShowsNoEnumNameOrRawCode_InEitherLanguage()
    {
        var caseIds = await RunCasesAsync();
        var supervisor = await _host.SignedInBrowserAsync("supervisor");
        var pages = new List<string> { "/cases", "/inbox", "/refunds", "/outbox" };
        var expectedMails = 0;
        foreach (var caseId in caseIds)
        {
            pages.Add($"/cases/{caseId}");
            var view = await _cases.GetAsync(caseId);
            expectedMails += view["timeline"]!.AsArray().Count(e => e!["notification"] is not null);
            pages.AddRange(view["tasks"]!.AsArray().Select(t => $"/tasks/{t!["id"]!.GetValue<string>()}"));
        }

        var problems = new List<string>();
        foreach (var (language, chinese) in new[] { ("zh-CN", true), ("en", false) })
        {
            foreach (var path in pages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.AcceptLanguage.ParseAdd(language);
                using var response = await supervisor.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} ({language}) answered {(int)response.StatusCode}.");
                var html = await response.Content.ReadAsStringAsync();
                Assert.Contains($"<html lang=\"{(chinese ? "zh-CN" : "en")}\"", html, StringComparison.Ordinal);
                problems.AddRange(Check(html, chinese).Select(p => $"{path} ({language}): {p}"));
            }
        }

        var mails = await Eventually.GetAsync(async () =>
        {
            await _host.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);
            return _smtp.Messages();
        }, m => m.Count >= expectedMails);
        Assert.Contains(mails, m => m.Headers["X-ExportTaxCheck-Notification"] == "make-up-due");
        Assert.Contains(mails, m => m.Headers["X-ExportTaxCheck-Notification"] == "case-rejected");
        Assert.Contains(mails, m => m.Headers["X-ExportTaxCheck-Notification"] == "cross-check-mismatched");
        foreach (var mail in mails)
        {
            MailTexts.AssertEveryCodeHasItsText(mail);
            MailTexts.AssertBothPartsSayTheSame(mail);
            var body = mail.TextBody ?? "";
            var english = body[Math.Max(0, body.IndexOf("[English]", StringComparison.Ordinal))..];
            problems.AddRange(Shown(Regex.Replace(english, @"\([A-Z][A-Z0-9_:]+\)", "", RegexOptions.None, TimeSpan.FromSeconds(1)), EnglishInternalWords)
                .Select(w => $"mail {mail.Subject}: '{w}'"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private async Task<IReadOnlyList<string>> RunCasesAsync()
    {
        const string refunded = "530020260006789012";
        const string unsold = "530020260006789013";
        const string rejected = "530020260006789014";
        await _cases.LoadAsync(
            CaseDriver.ExportLine(refunded, 1, "9710", "2026-04-02", "2026-04-03", "8517629900", 1200, fob: 24000m, refundStatus: "Refunded", vatRefunded: 23400m, goodsName: "无线路由器"),
            CaseDriver.ExportLine(unsold, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000, fob: 40000m),
            CaseDriver.ExportLine(rejected, 1, "9710", "2026-04-02", "2026-04-03", "8518300000", 100));

        // A make-up repaid, a certificate, then customs refuses the exemption at clearance: accessories were added.
        var clearance = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(refunded, 600, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", refunded), CaseDriver.Document("ExportDeclaration", refunded)]))))["caseId"]!.GetValue<string>();
        var issued = await _cases.ThroughCertificateAsync(clearance);
        await _cases.FileDeclarationAsync(clearance, CaseDriver.Declaration(CaseDriver.CertificateNo(issued), 600, "2026-07-01", 12000m, 7.15m, 0.06m, refunded,
            hs: "8517629900", goodsName: "无线路由器", declarationDate: "2026-08-02"));
        var refused = await _cases.CompleteAsync(_cases.Customs, clearance, "DecideClearance", "Record", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["lineNo"] = 1, ["handlingPerformed"] = new JsonArray("Unpacked"), ["used"] = false, ["accessoriesAdded"] = true, ["processedOrModified"] = false,
            }),
        });
        Assert.Equal("RejectedOriginalState", CaseDriver.Status(refused));

        // A quantity the certificate does not cover: the cross-check finds the difference.
        var mismatch = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(unsold, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", unsold, 500), CaseDriver.Document("ExportDeclaration", unsold)]))))["caseId"]!.GetValue<string>();
        var certificate = CaseDriver.CertificateNo(await _cases.ThroughCertificateAsync(mismatch));
        var mismatched = await _cases.FileDeclarationAsync(mismatch, CaseDriver.Declaration(certificate, 480, "2026-08-20", 9600m, 7.12m, 0.08m, unsold,
            declarationNo: "530020261000765499"));
        Assert.Equal("Mismatched", CaseDriver.Status(mismatched));

        // Evidence refused at review, with a reason and its sub-code.
        var evidence = (await _cases.CreateAsync(WithContact(CaseDriver.Case([CaseDriver.Line(rejected, 100, "CustomerReturn", "2026-07-01")],
            [CaseDriver.Document("PlatformReturnRecord", rejected), CaseDriver.Document("ExportDeclaration", rejected)]))))["caseId"]!.GetValue<string>();
        await _cases.CompleteAsync(_cases.Customs, evidence, "ReviewEvidence", "Reject", new JsonObject
        {
            ["reasons"] = new JsonArray(ReasonCodes.OriginalStateFailedAccessoriesAdded, ReasonCodes.EvidenceIncompleteMissingReturnEvidence),
        });
        return [clearance, mismatch, evidence];
    }

    /// <summary>What a page shows against the rule of its language.</summary>
    private static IEnumerable<string> Check(string html, bool chinese)
    {
        var visible = VisibleText(html);
        foreach (var word in Shown(visible, chinese ? PageChecks.InternalWords : EnglishInternalWords))
        {
            var at = visible.IndexOf(word, StringComparison.Ordinal);
            yield return $"'{word}' without its text, in \"{Regex.Replace(visible.Substring(Math.Max(0, at - 60), Math.Min(visible.Length - Math.Max(0, at - 60), 120)), @"\s+", " ", RegexOptions.None, TimeSpan.FromSeconds(1))}\"";
        }
        if (!chinese)
            yield break;
        // Apart from the switch to English, nothing on a Chinese page is left in English.
        var english = Regex.Matches(html, "<[a-z]+ [^>]*lang=\"en\"[^>]*>", RegexOptions.None, TimeSpan.FromSeconds(1)).Where(m => !m.Value.Contains("data-testid=\"language-en\"", StringComparison.Ordinal));
        foreach (var element in english)
            yield return $"an English element {html.Substring(element.Index, Math.Min(160, html.Length - element.Index))}";
    }

    /// <summary>The page's visible text without the code chips that follow their sentence, user data (<c>translate="no"</c>), scripts and styles.</summary>
    private static string VisibleText(string html)
    {
        var options = RegexOptions.Singleline | RegexOptions.IgnoreCase;
        var text = Regex.Replace(html, "<(?<tag>script|style)[^>]*>.*?</\\k<tag>>", " ", options, TimeSpan.FromSeconds(1));
        text = Regex.Replace(text, "<code data-code[^>]*>.*?</code>", " ", options, TimeSpan.FromSeconds(1));
        text = Regex.Replace(text, "<(?<tag>a|span|td|p)\\b[^>]*translate=\"no\"[^>]*>.*?</\\k<tag>>", " ", options, TimeSpan.FromSeconds(1));
        text = Regex.Replace(text, "<[^>]+>", " ", options, TimeSpan.FromSeconds(1));
        return WebUtility.HtmlDecode(text);
    }

    private static IEnumerable<string> Shown(string text, IEnumerable<string> words) =>
        words.Where(w => Regex.IsMatch(text, $@"(?<![\w:-]){Regex.Escape(w)}(?![\w:-])", RegexOptions.None, TimeSpan.FromSeconds(1)));
}
