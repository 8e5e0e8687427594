using ExportTaxCheck.Engine.Notifications;

namespace ExportTaxCheck.Engine.Tests.Notifications;

/// <summary>
/// An address is valid exactly when the mail can be sent to it: validation and the dispatcher read it with the same
/// parser (MimeKit's address list), so a contact e-mail with a comma in its display name, which the dispatcher used to
/// split into two broken recipients and dead-letter, is one recipient on both sides.
/// </summary>
public sealed class OutboxAddressTests
{
    private static OutboxMessageRecord Message(string to) => new()
    {
        Id = "m1", MessageId = "m1@exporttaxcheck.local", To = to, Subject = "s", TextBody = "t", CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData("john@lanbo-trading.example.cn, jane@lanbo-trading.example.cn")]
    [InlineData("Doe, John")]
    [InlineData("Doe")]
    [InlineData("")]
    public void IsAddress_WhatTheDispatcherWouldNotReadAsOneMailbox_IsRefused(string text) => Assert.False(Outbox.IsAddress(text));

    [Theory]
    [InlineData("Doe, John <john@lanbo-trading.example.cn>", "Doe, John")]
    [InlineData("\"Doe, John\" <john@lanbo-trading.example.cn>", "Doe, John")]
    [InlineData("returns@lanbo-trading.example.cn", "")]
    [InlineData("蓝波贸易 <returns@lanbo-trading.example.cn>", "蓝波贸易")]
    public void IsAddress_Accepted_IsExactlyTheOneRecipientTheMailGoesTo(string text, string name)
    {
        Assert.True(Outbox.IsAddress(text));

        var mime = MailDispatcher.Compose(Message(text), new MailOptions());

        var recipient = Assert.Single(mime.To.Mailboxes);
        Assert.Equal(name, recipient.Name ?? "");
        Assert.EndsWith("@lanbo-trading.example.cn", recipient.Address, StringComparison.Ordinal);
    }
}
