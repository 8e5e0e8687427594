using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;

namespace ExportTaxCheck.Engine.Tests.Support;

/// <summary>Builds small Elsa definitions in code for runtime tests.</summary>
public sealed class FlowBuilder(string definitionId)
{
    private readonly List<ActivityNode> _activities = [];
    private readonly List<Connection> _connections = [];
    private readonly List<VariableDefinition> _variables = [];
    private JsonObject? _options;

    public FlowBuilder Variable(string name, string typeName, JsonNode? value = null)
    {
        _variables.Add(new VariableDefinition { Id = "var-" + name, Name = name, TypeName = typeName, Value = value });
        return this;
    }

    public FlowBuilder Add(string id, string type, Action<ActivityNode>? configure = null)
    {
        var node = new ActivityNode { Id = id, Type = type };
        configure?.Invoke(node);
        _activities.Add(node);
        return this;
    }

    public FlowBuilder WriteLine(string id, string text, string syntax = "Literal") =>
        Add(id, "Elsa.WriteLine", n => n.SetInput("text", "String", syntax, text));

    public FlowBuilder Connect(string source, string target, string port = "Done")
    {
        _connections.Add(new Connection(source, port, target));
        return this;
    }

    public FlowBuilder Options(JsonObject options)
    {
        _options = options;
        return this;
    }

    public WorkflowDefinitionModel Build() => new()
    {
        DefinitionId = definitionId,
        Name = definitionId,
        Variables = _variables,
        Options = _options,
        Root = new ActivityNode { Id = "flowchart", Type = "Elsa.Flowchart", Activities = _activities, Connections = _connections },
    };
}
