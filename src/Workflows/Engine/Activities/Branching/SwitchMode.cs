namespace ExportTaxCheck.Engine.Activities.Branching;

/// <summary>Whether a Switch runs the first matching case or every matching case.</summary>
public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
