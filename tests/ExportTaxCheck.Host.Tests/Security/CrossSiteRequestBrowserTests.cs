using ExportTaxCheck.Host.Tests.Browser;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// Cross-site request forgery in Chromium: a customs officer signed in to the workspace opens a page served on another
/// loopback port (same site, so the SameSite=Strict cookie goes along). The page posts a comment and a completion to the
/// API as text/plain and as JSON, claims the task through the API and through the task page's form, and frames the task
/// page to clickjack its outcome buttons. Nothing happens to the task; the same comment from the workspace's own origin
/// goes through, so the cookie did reach the Host.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossSiteRequestBrowserTests : IAsyncLifetime
{
    private const string Decl = "530020260021234567";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;
    private Chromium _chromium = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        _base = _host.Anonymous().BaseAddress!;
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
    }

    private static string AttackPage(Uri host, string taskId)
    {
        var api = new Uri(host, $"/api/tasks/{taskId}").ToString();
        var page = new Uri(host, $"/tasks/{taskId}").ToString();
        return $$"""
            <!DOCTYPE html><html><body>
            <form id="comment" method="post" enctype="text/plain" action="{{api}}/comments" target="sink1"><input name='{"text":"forged by form","x":"' value='"}'></form>
            <form id="claim" method="post" action="{{page}}?handler=Claim" target="sink2"></form>
            <iframe name="sink1"></iframe><iframe name="sink2"></iframe>
            <iframe id="framed" src="{{page}}"></iframe>
            <script>
            (async () => {
              const results = [];
              const tries = [
                ['{{api}}/comments', 'text/plain', JSON.stringify({ text: 'forged by fetch' })],
                ['{{api}}/complete', 'text/plain', JSON.stringify({ outcome: 'Accept' })],
                ['{{api}}/claim', null, null],
                ['{{api}}/comments', 'application/json', JSON.stringify({ text: 'forged as JSON' })],
              ];
              for (const [url, type, body] of tries) {
                try {
                  const init = { method: 'POST', credentials: 'include', body };
                  if (type === 'application/json') { init.headers = { 'Content-Type': type }; } else { init.mode = 'no-cors'; if (type) init.headers = { 'Content-Type': type }; }
                  const r = await fetch(url, init);
                  results.push(r.type + ':' + r.status);
                } catch (e) { results.push('blocked'); }
              }
              document.getElementById('comment').submit();
              document.getElementById('claim').submit();
              document.body.dataset.done = results.join(',');
            })();
            </script></body></html>
            """;
    }

    [Fact]
    public async Task PageOnAnotherLoopbackPort_CannotActForTheSignedInOfficer()
    {
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000));
        var caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
        var taskId = await _cases.OpenTaskAsync(caseId, "ReviewEvidence");
        var officer = await _chromium.NewPageAsync(_base);
        await officer.GotoAsync("/signin");
        await Chromium.SubmitSignInAsync(officer, "customs.officer");
        await officer.WaitForPageAsync("**/inbox");
        await using var attacker = new AttackerSite(AttackPage(_base, taskId));
        var sinks = new System.Collections.Concurrent.ConcurrentQueue<int>();
        officer.Response += (_, response) =>
        {
            if (response.Url.StartsWith(_base.ToString(), StringComparison.Ordinal) && response.Request.Method == "POST")
                sinks.Enqueue(response.Status);
        };

        await officer.GotoAsync(attacker.BaseAddress.ToString());
        await officer.WaitForFunctionAsync("() => document.body.dataset.done !== undefined");
        // Three fetches and two forms reach the Host (the JSON fetch stops at the CORS preflight, which this Host never grants).
        await Eventually.GetAsync(() => Task.FromResult(sinks.Count), count => count >= 5);
        var framed = officer.Frames.Single(f => f.Name == "framed");

        var task = await _cases.Customs.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("Open", task["task"]!["status"]!.GetValue<string>());
        Assert.Empty(task["comments"]!.AsArray());
        Assert.DoesNotContain(await officer.EvaluateAsync<string>("() => document.body.dataset.done"), "opaque:200", StringComparison.Ordinal);
        Assert.Equal([403, 403, 403, 403, 403], sinks.ToArray());
        Assert.Equal(0, await framed.Locator("[data-testid=user]").CountAsync());

        // The same command from the workspace's own page goes through: the cookie did reach the Host.
        await officer.GotoAsync($"/tasks/{taskId}");
        var status = await officer.EvaluateAsync<int>($$"""
            async () => (await fetch('/api/tasks/{{taskId}}/comments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'from the workspace' }) })).status
            """);
        Assert.Equal(200, status);
        Assert.Equal(["from the workspace"], (await _cases.Customs.GetJsonAsync($"/api/tasks/{taskId}"))["comments"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
    }
}
