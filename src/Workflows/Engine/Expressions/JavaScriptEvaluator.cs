using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Options;
using JsonParser = Jint.Native.Json.JsonParser;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>
/// Elsa-compatible JavaScript through Jint: <c>getVariable</c>/<c>setVariable</c>, <c>get{Name}</c>/<c>set{Name}</c> per variable,
/// a <c>variables</c> object copied in and back, <c>getInput</c>, <c>getCorrelationId</c> and friends.
/// A top-level <c>return</c> is allowed, as in Elsa. Each evaluation is bounded in time, memory, statements and recursion.
/// </summary>
public sealed class JavaScriptEvaluator(IOptions<JavaScriptOptions> options)
{
    private static readonly ScriptPreparationOptions PreparationOptions = new()
    {
        ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
    };

    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _scripts = new(StringComparer.Ordinal);

    public ValueTask<object?> EvaluateAsync(string script, IExpressionScope scope, CancellationToken cancellationToken) =>
        EvaluateAsync(script, scope, cancellationToken, functions: null);

    /// <summary>Evaluates with extra functions defined for the script (RunJavaScript's <c>setOutcome</c>).</summary>
    public ValueTask<object?> EvaluateAsync(string script, IExpressionScope scope, CancellationToken cancellationToken, IReadOnlyDictionary<string, Delegate>? functions)
    {
        var prepared = Prepare(script);
        var settings = options.Value;
        var engine = new Jint.Engine(o => o
            .TimeoutInterval(settings.Timeout)
            .LimitMemory(settings.MemoryLimitBytes)
            .MaxStatements(settings.MaxStatements)
            .LimitRecursion(settings.MaxRecursionDepth)
            .CancellationToken(cancellationToken));

        var json = new JsonParser(engine);
        Register(engine, json, scope);
        foreach (var (name, function) in functions ?? new Dictionary<string, Delegate>())
            engine.SetValue(name, function);
        try
        {
            var result = engine.Evaluate(prepared);
            CopyVariablesBack(engine, scope);
            return new ValueTask<object?>(ToClr(result));
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"JavaScript error: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException($"JavaScript expression ran longer than {settings.Timeout.TotalSeconds:0.###} s.", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException($"JavaScript expression exceeded its memory limit: {ex.Message}", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException($"JavaScript expression exceeded {settings.MaxStatements} statements.", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException($"JavaScript expression exceeded its recursion limit: {ex.Message}", ex);
        }
        catch (ExecutionCanceledException ex)
        {
            throw new OperationCanceledException("JavaScript evaluation was cancelled.", ex, cancellationToken);
        }
    }

    /// <summary>Null when the script parses; otherwise the parser's message.</summary>
    public string? CheckSyntax(string script)
    {
        try
        {
            Prepare(script);
            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private Prepared<Acornima.Ast.Script> Prepare(string script)
    {
        if (_scripts.TryGetValue(script, out var prepared))
            return prepared;
        try
        {
            prepared = Jint.Engine.PrepareScript(script, options: PreparationOptions);
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionException($"JavaScript syntax error: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        // Definitions hold few distinct scripts; the bound keeps a stream of generated scripts from growing the cache forever.
        if (_scripts.Count < 10_000)
            _scripts.TryAdd(script, prepared);
        return prepared;
    }

    private static void Register(Jint.Engine engine, JsonParser json, IExpressionScope scope)
    {
        JsValue ToJs(object? value) =>
            value is null ? JsValue.Null : json.Parse(JsonSerializer.Serialize(ValueConverter.ToJson(value), WorkflowJson.Options));

        engine.SetValue("getVariable", new Func<string, JsValue>(name => ToJs(scope.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => scope.SetVariable(name, ToClr(value))));
        engine.SetValue("getInput", new Func<string, JsValue>(name => ToJs(InputValue(scope.WorkflowInput, name))));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.InstanceId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string>(() => scope.DefinitionId));
        engine.SetValue("getWorkflowDefinitionVersionId", new Func<string>(() => scope.DefinitionVersionId));
        engine.SetValue("getWorkflowDefinitionVersion", new Func<int>(() => scope.DefinitionVersion));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        engine.SetValue("setCorrelationId", new Action<string?>(value => scope.CorrelationId = value));
        engine.SetValue("getWorkflowInstanceName", new Func<string?>(() => scope.InstanceName));
        engine.SetValue("setWorkflowInstanceName", new Action<string?>(value => scope.InstanceName = value));
        engine.SetValue("getOutputFrom", new Func<string, string?, JsValue>((activity, output) => ToJs(scope.GetActivityOutput(activity, output))));
        engine.SetValue("getLastResult", new Func<JsValue>(() => ToJs(scope.LastResult)));
        engine.SetValue("isNullOrWhiteSpace", new Func<string?, bool>(string.IsNullOrWhiteSpace));
        engine.SetValue("isNullOrEmpty", new Func<string?, bool>(string.IsNullOrEmpty));
        engine.SetValue("toJson", new Func<JsValue, string>(value => JsonSerializer.Serialize(ValueConverter.ToJson(ToClr(value)), WorkflowJson.Options)));
        engine.SetValue("newGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("workflowInstanceId", scope.InstanceId);
        engine.SetValue("correlationId", scope.CorrelationId ?? (object)JsValue.Null);

        var variables = new JsonObject();
        foreach (var name in scope.VariableNames)
        {
            variables[name] = ValueConverter.ToJson(scope.GetVariable(name));
            if (!IsIdentifier(name))
                continue;
            var pascal = char.ToUpperInvariant(name[0]) + name[1..];
            var variableName = name;
            engine.SetValue("get" + pascal, new Func<JsValue>(() => ToJs(scope.GetVariable(variableName))));
            engine.SetValue("set" + pascal, new Action<JsValue>(value => scope.SetVariable(variableName, ToClr(value))));
        }

        // Declared workflow inputs read as get{Name}(), as Elsa's accessors do (after the variables, which they hide).
        foreach (var name in scope.WorkflowInputNames.Where(IsIdentifier))
        {
            var inputName = name;
            engine.SetValue("get" + name, new Func<JsValue>(() => ToJs(InputValue(scope.WorkflowInput, inputName))));
        }

        foreach (var (activityName, outputName) in scope.NamedActivityOutputs)
        {
            if (!IsIdentifier(activityName) || !IsIdentifier(outputName))
                continue;
            var (activity, output) = (activityName, outputName);
            engine.SetValue($"get{outputName}From{char.ToUpperInvariant(activityName[0]) + activityName[1..]}", new Func<JsValue>(() => ToJs(scope.GetActivityOutput(activity, output))));
        }

        engine.SetValue("variables", json.Parse(variables.ToJsonString()));
        // What the script started from: only variables it changed through the object are written back (set{Name} writes at once).
        engine.SetValue(SnapshotName, variables.ToJsonString());
        engine.SetValue("input", json.Parse(scope.WorkflowInput.ToJsonString()));
    }

    /// <summary>Writes back what the script changed through the <c>variables</c> object (compared with what it was given).</summary>
    private static void CopyVariablesBack(Jint.Engine engine, IExpressionScope scope)
    {
        if (engine.GetValue("variables") is not JsObject variables || engine.GetValue(SnapshotName) is not { } snapshotValue || !snapshotValue.IsString())
            return;
        var snapshot = JsonNode.Parse(snapshotValue.AsString()) as JsonObject ?? [];
        foreach (var name in scope.VariableNames)
        {
            var updated = ValueConverter.ToJson(ToClr(variables.Get(name)));
            if (!JsonNode.DeepEquals(snapshot[name], updated))
                scope.SetVariable(name, updated);
        }
    }

    private const string SnapshotName = "__variablesAsGiven";

    private static object? ToClr(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
            return null;
        if (value.IsString())
            return value.AsString();
        if (value.IsBoolean())
            return value.AsBoolean();
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            return Math.Abs(number % 1) < double.Epsilon && Math.Abs(number) < 9e15 ? (object)(long)number : number;
        }

        // Objects and arrays travel as JSON so that they land in variables as plain JSON values.
        var obj = value.ToObject();
        return obj is null ? null : JsonSerializer.SerializeToNode(obj, WorkflowJson.Options);
    }

    /// <summary>A workflow input by name, matched without regard to case (Elsa's input dictionary ignores it).</summary>
    private static JsonNode? InputValue(JsonObject input, string name) =>
        input.TryGetPropertyValue(name, out var exact) ? exact
            : input.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_' || name[0] == '$') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
