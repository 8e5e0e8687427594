namespace ExportTaxCheck.Engine.Activities;

public sealed class ActivityBindingException(string message, Exception? inner = null) : Exception(message, inner);
