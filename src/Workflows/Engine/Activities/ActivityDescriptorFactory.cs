using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Flow;

namespace ExportTaxCheck.Engine.Activities;

/// <summary>Builds Studio descriptors from activity classes: attributes name everything, reflection finds inputs and outputs.</summary>
internal static class ActivityDescriptorFactory
{
    public static ActivityDescriptor Describe(Type type, IReadOnlyDictionary<string, InputChoices> choices)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
                        ?? throw new InvalidOperationException($"{type.Name} has no [Activity] attribute.");
        var name = attribute.TypeName ?? type.Name;
        var outcomes = type.GetCustomAttribute<OutcomesAttribute>()?.Outcomes ?? (attribute.IsTerminal ? [] : ["Done"]);
        var dynamicPorts = typeof(IDynamicOutcomes).IsAssignableFrom(type);
        var retry = type.GetCustomAttribute<RetryAttribute>();

        var inputs = new List<InputDescriptor>();
        var outputs = new List<OutputDescriptor>();
        var embedded = new List<PortDescriptor>();
        var order = 0;
        // Defaults an attribute cannot hold come from an instance (its form, for a human task).
        var defaults = !type.IsAbstract && typeof(IInputDefaults).IsAssignableFrom(type) ? (IInputDefaults)Activator.CreateInstance(type)! : null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyType = property.PropertyType;
            if (property.GetCustomAttribute<PortAttribute>() is { } port)
            {
                embedded.Add(new PortDescriptor(property.Name, port.DisplayName ?? property.Name, "Embedded", port.IsBrowsable));
                continue;
            }

            var isInput = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Input<>);
            var input = property.GetCustomAttribute<InputAttribute>();
            if (isInput || input is { IsWrapped: false })
            {
                var valueType = isInput ? propertyType.GetGenericArguments()[0] : propertyType;
                var described = DescribeInput(property, valueType, input ?? new InputAttribute(), Choices(input, choices), order++);
                inputs.Add(defaults?.DefaultOf(property.Name) is { } value ? described with { DefaultValue = value } : described);
                continue;
            }

            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Output<>))
            {
                var output = property.GetCustomAttribute<OutputAttribute>() ?? new OutputAttribute();
                outputs.Add(new OutputDescriptor
                {
                    Name = property.Name,
                    TypeName = TypeNames.Of(propertyType.GetGenericArguments()[0]),
                    DisplayName = output.DisplayName ?? Humanize(property.Name),
                    Description = output.Description,
                    IsBrowsable = output.IsBrowsable,
                });
            }
        }

        var customProperties = new JsonObject();

        return new ActivityDescriptor
        {
            TypeName = $"{attribute.Namespace}.{name}",
            Namespace = attribute.Namespace,
            Name = name,
            Version = attribute.Version,
            Category = attribute.Category,
            DisplayName = attribute.DisplayName ?? Humanize(name),
            Description = attribute.Description,
            Kind = attribute.Kind,
            IsContainer = type == typeof(Flowchart) || typeof(IContainerActivity).IsAssignableFrom(type),
            IsBrowsable = attribute.IsBrowsable,
            IsStart = attribute.IsStart,
            IsTerminal = attribute.IsTerminal,
            CustomProperties = customProperties,
            Ports = type == typeof(Flowchart)
                ? [new PortDescriptor("Start", "Start", "Embedded", IsBrowsable: false)]
                : [.. embedded, .. dynamicPorts ? [] : outcomes.Select(o => new PortDescriptor(o, o))],
            Inputs = inputs,
            Outputs = outputs,
            Outcomes = dynamicPorts ? null : outcomes,
            ClrType = type,
            DefaultRetryPolicy = retry is null
                ? null
                : new RetryPolicy(retry.MaxAttempts, TimeSpan.Parse(retry.InitialInterval, System.Globalization.CultureInfo.InvariantCulture),
                    retry.BackoffCoefficient, TimeSpan.Parse(retry.MaximumInterval, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    private static InputChoices? Choices(InputAttribute? input, IReadOnlyDictionary<string, InputChoices> choices) =>
        input?.ChoicesFrom is { } name && choices.TryGetValue(name, out var found) ? found : null;

    private static InputDescriptor DescribeInput(PropertyInfo property, Type valueType, InputAttribute input, InputChoices? configured, int order)
    {
        var underlying = Nullable.GetUnderlyingType(valueType) ?? valueType;
        var options = input.Options ?? (configured is { Options.Count: > 0 } ? configured.Options.ToArray() : null) ?? (underlying.IsEnum ? Enum.GetNames(underlying) : null);
        var defaultValue = input.DefaultValue ?? configured?.DefaultValue;
        var uiHint = input.UIHint ?? DefaultUiHint(underlying, options);
        // Studio reads dropdown options from uiSpecifications.dropdown.selectList.items.
        var specifications = new JsonObject();
        if (options is not null && uiHint == UIHints.DropDown)
        {
            var items = new JsonArray();
            foreach (var option in options)
                items.Add(new JsonObject { ["text"] = option, ["value"] = option });
            specifications["dropdown"] = new JsonObject
            {
                ["selectList"] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false, ["sortItems"] = false },
            };
        }

        return new InputDescriptor
        {
            Name = property.Name,
            TypeName = TypeNames.Of(valueType),
            DisplayName = input.DisplayName ?? Humanize(property.Name),
            Description = input.Description,
            Order = input.Order != 0 ? input.Order : order,
            IsBrowsable = input.IsBrowsable,
            IsWrapped = input.IsWrapped,
            UIHint = uiHint,
            Category = input.Category,
            DefaultValue = defaultValue is null ? null : JsonSerializer.SerializeToNode(defaultValue is Enum e ? e.ToString() : defaultValue),
            DefaultSyntax = input.DefaultSyntax,
            IsReadOnly = input.IsReadOnly,
            IsSensitive = input.IsSensitive,
            UISpecifications = specifications,
        };
    }

    private static string DefaultUiHint(Type type, string[]? options)
    {
        if (options is not null)
            return UIHints.DropDown;
        if (type == typeof(bool))
            return UIHints.Checkbox;
        return UIHints.SingleLine;
    }

    /// <summary>"ExportDutyRefund" → "Export Duty Refund"; "WaitAll" → "Wait All".</summary>
    internal static string Humanize(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                builder.Append(' ');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
