namespace ExportTaxCheck.Engine.Notifications;

public sealed class SmtpOptions
{
    /// <summary>Empty: write .eml files instead of sending.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c> (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the connection is kept open between messages; a message after a longer pause opens a new one (servers close
    /// idle clients after a few minutes).
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages sent on one connection before it is closed and another opened (Exchange accepts 20 by default).</summary>
    public int MessagesPerConnection { get; set; } = 20;
}
