namespace ExportTaxCheck.Engine.Tasks;

public sealed record TaskComment(long Id, DateTimeOffset At, string Author, string Text);
