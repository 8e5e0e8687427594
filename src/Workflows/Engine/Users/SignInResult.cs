namespace ExportTaxCheck.Engine.Users;

/// <summary>The user signed in, or the one <see cref="Problem"/> every refusal shows and the <see cref="Refusal"/> behind it.</summary>
public sealed record SignInResult(UserRecord? User, string? Problem, SignInRefusal? Refusal = null);
