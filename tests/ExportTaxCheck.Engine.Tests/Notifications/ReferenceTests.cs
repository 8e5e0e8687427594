using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace ExportTaxCheck.Engine.Tests.Notifications;

/// <summary>
/// A mail refers to what it is about by a type a module names and an id: the template's model comes from the model
/// source of that name, and the mail carries the id in a header of that name.
/// </summary>
public sealed class ReferenceTests : IAsyncLifetime
{
    private readonly string _templates = Path.Combine(Path.GetTempPath(), "etc-tests", Guid.NewGuid().ToString("N"));
    private readonly CapturingTransport _transport = new();
    private readonly ReadingModel _shipments = new();
    private EngineFixture _engine = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_templates);
        await File.WriteAllTextAsync(Path.Combine(_templates, "shipped.subject.liquid"), "Shipped: {{ name }}");
        await File.WriteAllTextAsync(Path.Combine(_templates, "shipped.text.liquid"), "{{ name }} is on its way.");
        await File.WriteAllTextAsync(Path.Combine(_templates, "shipped.html.liquid"), "<p>{{ name }} is on its way.</p>");
        _engine = await EngineFixture.CreateAsync(services =>
        {
            services.AddExportTaxCheckNotifications();
            services.Configure<MailOptions>(o => o.TemplateDirectory = _templates);
            services.Replace(ServiceDescriptor.Singleton<IMailTransport>(_transport));
            services.AddSingleton<INotificationModelSource>(new NamedModel("Order", stillApplies: true));
            services.AddSingleton<INotificationModelSource>(new NamedModel("Claim", stillApplies: false));
            services.AddSingleton<INotificationModelSource>(_shipments);
        }, engine => engine.UseCorrelationReference("Order", "order"));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        Directory.Delete(_templates, recursive: true);
    }

    [Fact]
    public async Task Dispatch_TemplateMail_TakesItsModelFromTheSourceNamedByItsReference()
    {
        await EnqueueAsync(new Reference("Claim", "7"));
        await EnqueueAsync(new Reference("Order", "42"));
        await EnqueueAsync(new Reference("Parcel", "9"));

        await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);

        var subjects = _transport.Sent.Select(m => m.Subject ?? "").Order(StringComparer.Ordinal).ToArray();
        // No source knows parcels: the template sees an empty model.
        Assert.Equal(["Shipped:", "Shipped: Claim 7", "Shipped: Order 42"], subjects);
        var order = _transport.Sent.Single(m => m.Subject == "Shipped: Order 42");
        Assert.Equal("42", order.Headers[MailDispatcher.ReferenceHeaderPrefix + "Order"]);
        Assert.Null(order.Headers[MailDispatcher.ReferenceHeaderPrefix + "Claim"]);
    }

    [Fact]
    public async Task Dispatch_ScheduledMailItsSourceNoLongerWants_IsCancelled()
    {
        var claim = await EnqueueAsync(new Reference("Claim", "7"), sendIfStatus: "Open");
        var order = await EnqueueAsync(new Reference("Order", "42"), sendIfStatus: "Open");

        await _engine.Services.GetRequiredService<MailDispatcher>().DispatchDueAsync(default);

        var items = (await _engine.Services.GetRequiredService<MailDispatcher>().ListAsync(null, null, 1, 10, default)).Items.ToDictionary(i => i.Id);
        Assert.Equal(OutboxStatus.Cancelled, items[claim].Status);
        Assert.Equal(OutboxStatus.Sent, items[order].Status);
    }

    [Fact]
    public async Task ListAsync_ByReference_FindsOnlyTheMailsAboutIt()
    {
        var order = await EnqueueAsync(new Reference("Order", "42"));
        await EnqueueAsync(new Reference("Claim", "42"));
        await EnqueueAsync(null);

        var found = await _engine.Services.GetRequiredService<MailDispatcher>().ListAsync(null, new Reference("Order", "42"), 1, 10, default);

        Assert.Equal([order], found.Items.Select(i => i.Id));
        Assert.Equal(("Order", "42"), (found.Items[0].ReferenceType, found.Items[0].ReferenceId));
    }

    [Fact]
    public async Task SendEmail_InACorrelatedInstance_RefersToTheCorrelationAsTheModuleDeclared()
    {
        await _engine.PublishAsync(new FlowBuilder("mail")
            .Add("send", "Elsa.SendEmail", n => n
                .SetInput("to", "List<String>", "Object", "[\"buyer@example.cn\"]")
                .SetInput("subject", "String", "Literal", "Hello")
                .SetInput("body", "String", "Literal", "<p>Hello</p>"))
            .Build());

        await _engine.StartAsync("mail", correlationId: "42");

        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var row = await db.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal(("Order", "42"), (row.ReferenceType, row.ReferenceId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Case Id")]
    [InlineData("Case:Id")]
    public void Reference_TypeThatIsNoHeaderName_IsRefused(string type) =>
        Assert.Throws<ArgumentException>(() => new Reference(type, "1"));

    [Fact]
    public async Task TheMessagesOfOneBatchAboutOneThing_AreBuiltFromOneReadingOfIt_AndTheNextBatchReadsItAgain()
    {
        await EnqueueAsync(new Reference("Shipment", "5"));
        await EnqueueAsync(new Reference("Shipment", "5"));
        await EnqueueAsync(new Reference("Shipment", "6"));
        var dispatcher = _engine.Services.GetRequiredService<MailDispatcher>();

        Assert.Equal(3, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(["5", "6"], _shipments.Reads);
        Assert.Equal(["Shipped: Shipment 5 (reading 1)", "Shipped: Shipment 5 (reading 1)", "Shipped: Shipment 6 (reading 2)"],
            _transport.Sent.Select(m => m.Subject ?? "").Order(StringComparer.Ordinal));

        await EnqueueAsync(new Reference("Shipment", "5"));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(["5", "6", "5"], _shipments.Reads);
    }

    [Fact]
    public async Task ATemplateEditedWhileABatchIsSent_AppliesFromTheNextBatch_NotHalfwayThroughIt()
    {
        await EnqueueAsync(new Reference("Order", "42"));
        await EnqueueAsync(new Reference("Order", "43"));
        var dispatcher = _engine.Services.GetRequiredService<MailDispatcher>();
        // An analyst saves the subject while the first message of the batch is on its way.
        _transport.OnFirstSend = () => File.WriteAllText(Path.Combine(_templates, "shipped.subject.liquid"), "Sent: {{ name }}");

        Assert.Equal(2, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(["Shipped: Order 42", "Shipped: Order 43"], _transport.Sent.Select(m => m.Subject ?? "").Order(StringComparer.Ordinal));

        await EnqueueAsync(new Reference("Order", "44"));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        Assert.Equal("Sent: Order 44", _transport.Sent[^1].Subject);
    }

    private async Task<string> EnqueueAsync(Reference? reference, string? sendIfStatus = null)
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var message = Outbox.Enqueue(db, _engine.Clock.GetUtcNow(), ["buyer@example.cn"], "shipped", reference, sendIfStatus: sendIfStatus);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private sealed class NamedModel(string name, bool stillApplies) : INotificationModelSource
    {
        public string Name => name;

        public Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, CancellationToken ct) =>
            Task.FromResult(new JsonObject { ["name"] = $"{name} {message.ReferenceId}" });

        public Task<bool> StillAppliesAsync(OutboxMessageRecord message, CancellationToken ct) => Task.FromResult(stillApplies);
    }

    /// <summary>A source that reads what a message is about once per dispatch batch, and counts its readings.</summary>
    private sealed class ReadingModel : INotificationModelSource
    {
        public string Name => "Shipment";

        public List<string> Reads { get; } = [];

        public Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, CancellationToken ct) =>
            BuildAsync(message, uses, new NotificationBatch(), ct);

        public async Task<JsonObject> BuildAsync(OutboxMessageRecord message, Func<string, bool> uses, NotificationBatch batch, CancellationToken ct)
        {
            var id = message.ReferenceId!;
            var reading = await batch.ReadOnceAsync("shipment", id, () =>
            {
                Reads.Add(id);
                return Task.FromResult($"Shipment {id} (reading {Reads.Count})");
            });
            return new JsonObject { ["name"] = reading };
        }

        public Task<bool> StillAppliesAsync(OutboxMessageRecord message, CancellationToken ct) => Task.FromResult(true);
    }

    private sealed class CapturingTransport : IMailTransport
    {
        public List<MimeMessage> Sent { get; } = [];

        /// <summary>Runs once, as the first message is sent.</summary>
        public Action? OnFirstSend { get; set; }

        public Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            Sent.Add(message);
            if (Sent.Count == 1)
                OnFirstSend?.Invoke();
            return Task.CompletedTask;
        }
    }
}
