namespace ExportTaxCheck.Engine.Users;

public sealed record SignInResult(UserRecord? User, string? Problem);
