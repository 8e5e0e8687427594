namespace ExportTaxCheck.Engine.Runtime.Alterations;

/// <summary>An alteration that cannot be made to an instance: its message goes to the alteration log, nothing is changed.</summary>
internal sealed class AlterationFailedException(string message) : Exception(message);
