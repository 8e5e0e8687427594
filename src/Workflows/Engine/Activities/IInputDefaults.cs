using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities;

/// <summary>
/// An activity whose input defaults are values an attribute cannot hold (a JSON form): Studio's property panel shows them
/// as the input's default, and the activity uses them while the definition leaves the input out.
/// </summary>
public interface IInputDefaults
{
    /// <summary>The default of the input named <paramref name="input"/> (the property name), or null for none.</summary>
    JsonNode? DefaultOf(string input);
}
