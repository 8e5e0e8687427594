namespace ExportTaxCheck.Engine.Users;

/// <summary>Why a sign-in was refused: for the log and the tests only; the person signing in reads one message for all.</summary>
public enum SignInRefusal
{
    UnknownUser,
    WrongPassword,
    Locked,
    Disabled,
}
