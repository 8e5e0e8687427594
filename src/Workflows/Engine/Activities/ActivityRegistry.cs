using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities;

/// <summary>
/// The activity types the engine knows, with their descriptors generated from the classes' attributes.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly ConcurrentDictionary<string, ActivityDescriptor> _descriptors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _definitionTypes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, PropertyBinding[]> _bindings = new();
    private readonly IReadOnlyDictionary<string, InputChoices> _choices;

    /// <param name="activityTypes">The activities.</param>
    /// <param name="choices">Options of inputs that name them with <see cref="InputAttribute.ChoicesFrom"/>.</param>
    public ActivityRegistry(IEnumerable<Type> activityTypes, IReadOnlyDictionary<string, InputChoices>? choices = null)
    {
        _choices = choices ?? new Dictionary<string, InputChoices>();
        foreach (var type in activityTypes)
            Register(type);
    }

    /// <summary>Every concrete <see cref="Activity"/> with an <see cref="ActivityAttribute"/> in the given assemblies.</summary>
    public static ActivityRegistry FromAssemblies(params Assembly[] assemblies) => new(Discover(assemblies));

    internal static IEnumerable<Type> Discover(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _descriptors.Values.OrderBy(d => d.TypeName, StringComparer.Ordinal).ToList();

    public bool TryGet(string typeName, [NotNullWhen(true)] out ActivityDescriptor? descriptor) =>
        _descriptors.TryGetValue(typeName, out descriptor);

    public void Register(Type type)
    {
        var descriptor = ActivityDescriptorFactory.Describe(type, _choices);
        _descriptors[descriptor.TypeName] = descriptor;
    }

    /// <summary>
    /// Makes a definition marked <c>usableAsActivity</c> an activity type (its name, Pascal-cased), or removes it when it no
    /// longer is one; the type of a class always wins over a definition of the same name.
    /// </summary>
    public void RegisterDefinition(WorkflowDefinitionModel definition, bool usable)
    {
        if (_definitionTypes.TryRemove(definition.DefinitionId, out var previous)
            && _descriptors.TryGetValue(previous, out var old) && old.ClrType == typeof(Composition.WorkflowDefinitionActivity))
            _descriptors.TryRemove(previous, out _);
        if (!usable)
            return;
        var descriptor = Composition.WorkflowDefinitionDescriptors.Describe(definition);
        if (_descriptors.TryGetValue(descriptor.TypeName, out var existing) && existing.ClrType != typeof(Composition.WorkflowDefinitionActivity))
            return;
        _descriptors[descriptor.TypeName] = descriptor;
        _definitionTypes[definition.DefinitionId] = descriptor.TypeName;
    }

    /// <summary>Creates an activity bound to the node's inputs. Throws <see cref="ActivityBindingException"/>.</summary>
    public Activity Create(ActivityNode node)
    {
        if (!_descriptors.TryGetValue(node.Type, out var descriptor))
            throw new ActivityBindingException($"Activity '{node.Id}' has the unknown type '{node.Type}'.");

        var activity = (Activity)Activator.CreateInstance(descriptor.ClrType)!;
        activity.Node = node;
        activity.Descriptor = descriptor;
        foreach (var binding in _bindings.GetOrAdd(descriptor.ClrType, BuildBindings))
            binding.Bind(activity, node);
        return activity;
    }

    private static PropertyBinding[] BuildBindings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(PropertyBinding.TryCreate)
            .OfType<PropertyBinding>()
            .ToArray();

    private sealed class PropertyBinding
    {
        private readonly PropertyInfo _property;
        private readonly string _jsonName;
        private readonly Func<ActivityNode, string, object?> _factory;

        private PropertyBinding(PropertyInfo property, Func<ActivityNode, string, object?> factory)
        {
            _property = property;
            _jsonName = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            _factory = factory;
        }

        public static PropertyBinding? TryCreate(PropertyInfo property)
        {
            var type = property.PropertyType;
            if (!property.CanWrite)
                return null;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Input<>))
            {
                var valueType = type.GetGenericArguments()[0];
                var defaultValue = property.GetCustomAttribute<InputAttribute>()?.DefaultValue;
                return new PropertyBinding(property, (node, name) =>
                    Activator.CreateInstance(type, name, node.GetInputExpression(name), ConvertDefault(defaultValue, valueType)));
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>))
            {
                return new PropertyBinding(property, (node, name) =>
                    Activator.CreateInstance(type, name, ReadMemoryReference(node.GetProperty(name))));
            }

            if (property.GetCustomAttribute<InputAttribute>() is { IsWrapped: false } || property.GetCustomAttribute<PortAttribute>() is not null)
            {
                var fallback = ConvertDefault(property.GetCustomAttribute<InputAttribute>()?.DefaultValue, property.PropertyType);
                return new PropertyBinding(property, (node, name) =>
                {
                    var raw = node.GetProperty(name);
                    if (raw is null)
                        return fallback ?? (property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null);
                    try
                    {
                        return raw.Deserialize(property.PropertyType, WorkflowJson.Options);
                    }
                    catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
                    {
                        throw new ActivityBindingException($"Activity '{node.Id}': property '{name}' is not a valid {property.PropertyType.Name}: {ex.Message}", ex);
                    }
                });
            }

            return null;
        }

        public void Bind(Activity activity, ActivityNode node)
        {
            var value = _factory(node, _jsonName);
            _property.SetValue(activity, value);
            if (value is IInput input)
                activity.BoundInputs.Add(input);
        }

        private static object? ConvertDefault(object? value, Type valueType)
        {
            if (value is null)
                return null;
            var target = Nullable.GetUnderlyingType(valueType) ?? valueType;
            if (target.IsInstanceOfType(value))
                return value;
            if (target.IsEnum)
                return value is string s ? Enum.Parse(target, s) : Enum.ToObject(target, value);
            if (target == typeof(TimeSpan) && value is string ts)
                return TimeSpan.Parse(ts, CultureInfo.InvariantCulture);
            return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        private static string? ReadMemoryReference(JsonNode? output) =>
            output is JsonObject obj && obj["memoryReference"] is JsonObject reference && reference["id"] is JsonValue id
                && id.TryGetValue<string>(out var value) && value.Length > 0
                ? value
                : null;
    }
}
