using Microsoft.Playwright;
using Xunit.Sdk;

namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>The page checks themselves: axe in the page reports a serious violation and passes a clean page; the internal-word check sees a bare enum name.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageChecksTests : IAsyncLifetime
{
    private Chromium _chromium = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _chromium = await Chromium.LaunchAsync();
        _page = await _chromium.Browser.NewPageAsync();
    }

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task Axe_FailsAPageWithAnUnnamedButton_AndPassesItOnceNamed()
    {
        await _page.SetContentAsync("""<!doctype html><html lang="zh-CN"><head><title>核对</title></head><body><main><h1>核对</h1><button id="b"></button></main></body></html>""");
        var failure = await Assert.ThrowsAsync<TrueException>(() => PageChecks.AssertAccessibleAsync(_page));
        Assert.Contains("button-name (critical)", failure.Message);
        Assert.Contains("<button id=\"b\"></button>", failure.Message);

        await _page.EvaluateAsync("() => document.getElementById('b').textContent = '提交'");
        await PageChecks.AssertAccessibleAsync(_page);
    }

    [Fact]
    public async Task InternalWords_SeeABareEnumName_ButNotOneMarkedAsACode()
    {
        await _page.SetContentAsync("""<!doctype html><html lang="zh-CN"><body><p>状态 Refuse</p><p>原因 <span data-code>Refuse</span></p></body></html>""");
        Assert.Equal(["Refuse"], await PageChecks.InternalWordsShownAsync(_page));

        await _page.EvaluateAsync("() => document.querySelector('p').remove()");
        Assert.Empty(await PageChecks.InternalWordsShownAsync(_page));
    }
}
