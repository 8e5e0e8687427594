namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Connections of one flowchart. A connection is "backward" when it closes a loop seen from the start activity;
/// it is valid when every path from the start to its source passes through its target.
/// </summary>
public sealed class FlowchartGraph
{
    private readonly Dictionary<string, List<Connection>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Connection>> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ForwardView> _views = new(StringComparer.Ordinal);
    private readonly Lock _viewsLock = new();

    public FlowchartGraph(ActivityNode container)
    {
        Container = container;
        Children = container.Activities ?? [];
        foreach (var connection in container.Connections ?? [])
        {
            GetOrAdd(_outbound, connection.Source.Activity).Add(connection);
            GetOrAdd(_inbound, connection.Target.Activity).Add(connection);
        }
    }

    public ActivityNode Container { get; }

    public IReadOnlyList<ActivityNode> Children { get; }

    public IReadOnlyList<Connection> Outbound(string activityId) => _outbound.GetValueOrDefault(activityId) ?? [];

    public IReadOnlyList<Connection> Inbound(string activityId) => _inbound.GetValueOrDefault(activityId) ?? [];

    /// <summary>The connection's key in a flowchart's visit counts, made once per connection of a compiled definition (which never changes).</summary>
    public static string Key(Connection c) => Keys.GetValue(c, static connection => connection.ToString());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Connection, string> Keys = [];

    /// <summary>Elsa's start rule: the trigger, an explicit start, Elsa.Start, a can-start activity, one without inbound connections, the first.</summary>
    public ActivityNode? FindStart(string? triggerActivityId)
    {
        if (Children.Count == 0)
            return null;
        if (triggerActivityId is not null && Children.FirstOrDefault(c => c.Id == triggerActivityId) is { } trigger)
            return trigger;
        if (Container.GetProperty("start") is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var startId)
            && Children.FirstOrDefault(c => c.Id == startId) is { } explicitStart)
            return explicitStart;
        return Children.FirstOrDefault(c => c.Type == "Elsa.Start")
               ?? Children.FirstOrDefault(c => c.GetCanStartWorkflow())
               ?? Children.FirstOrDefault(c => Inbound(c.Id).Count == 0)
               ?? Children[0];
    }

    /// <summary>The forward/backward split as seen from a start activity (cached).</summary>
    public ForwardView View(string startActivityId)
    {
        lock (_viewsLock)
        {
            if (!_views.TryGetValue(startActivityId, out var view))
            {
                view = new ForwardView(this, startActivityId);
                _views[startActivityId] = view;
            }
            return view;
        }
    }

    private static List<Connection> GetOrAdd(Dictionary<string, List<Connection>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }
        return list;
    }

    public sealed class ForwardView
    {
        private readonly HashSet<Connection> _forward = [];
        private readonly Dictionary<string, List<Connection>> _forwardInbound = new(StringComparer.Ordinal);
        private readonly Dictionary<Connection, bool> _validBackward = [];
        private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);
        private readonly string _start;

        public ForwardView(FlowchartGraph graph, string startActivityId)
        {
            _start = startActivityId;
            // Breadth-first from the start, keeping an edge unless it would close a cycle among kept edges.
            var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var visited = new HashSet<string>(StringComparer.Ordinal) { startActivityId };
            var queue = new Queue<string>();
            queue.Enqueue(startActivityId);
            while (queue.Count > 0)
            {
                var source = queue.Dequeue();
                foreach (var connection in graph.Outbound(source))
                {
                    var target = connection.Target.Activity;
                    if (target == source || Reaches(kept, target, source))
                        continue;
                    _forward.Add(connection);
                    if (!kept.TryGetValue(source, out var targets))
                        kept[source] = targets = [];
                    if (!targets.Contains(target))
                        targets.Add(target);
                    if (visited.Add(target))
                        queue.Enqueue(target);
                }
            }

            foreach (var connection in _forward)
                GetOrAdd(_forwardInbound, connection.Target.Activity).Add(connection);

            foreach (var connection in graph.Container.Connections ?? [])
            {
                if (!_forward.Contains(connection))
                    _validBackward[connection] = Dominates(connection.Target.Activity, connection.Source.Activity);
            }
        }

        public IReadOnlyList<Connection> ForwardInbound(string activityId) => _forwardInbound.GetValueOrDefault(activityId) ?? [];

        public bool IsBackward(Connection connection, out bool isValid)
        {
            if (_forward.Contains(connection))
            {
                isValid = false;
                return false;
            }

            isValid = _validBackward.GetValueOrDefault(connection);
            return true;
        }

        /// <summary>Not the start and not the target of any forward connection: the flow can never reach it.</summary>
        public bool IsDangling(string activityId) => activityId != _start && ForwardInbound(activityId).Count == 0;

        /// <summary>Activities upstream of the given one along forward connections.</summary>
        public IReadOnlySet<string> Ancestors(string activityId)
        {
            lock (_ancestors)
            {
                if (_ancestors.TryGetValue(activityId, out var cached))
                    return cached;
                var result = new HashSet<string>(StringComparer.Ordinal);
                var queue = new Queue<string>();
                queue.Enqueue(activityId);
                while (queue.Count > 0)
                {
                    foreach (var connection in ForwardInbound(queue.Dequeue()))
                    {
                        if (result.Add(connection.Source.Activity))
                            queue.Enqueue(connection.Source.Activity);
                    }
                }
                _ancestors[activityId] = result;
                return result;
            }
        }

        /// <summary>True when every forward path from the start to <paramref name="node"/> passes through <paramref name="dominator"/>.</summary>
        private bool Dominates(string dominator, string node)
        {
            if (dominator == _start)
                return true;
            var seen = new HashSet<string>(StringComparer.Ordinal) { _start };
            var queue = new Queue<string>();
            queue.Enqueue(_start);
            var outbound = _forward.GroupBy(c => c.Source.Activity).ToDictionary(g => g.Key, g => g.Select(c => c.Target.Activity).ToList());
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                if (current == node)
                    return false;
                foreach (var next in outbound.GetValueOrDefault(current) ?? [])
                {
                    if (next != dominator && seen.Add(next))
                        queue.Enqueue(next);
                }
            }
            return true;
        }

        private static bool Reaches(Dictionary<string, List<string>> edges, string from, string to)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            stack.Push(from);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current == to)
                    return true;
                if (!seen.Add(current))
                    continue;
                foreach (var next in edges.GetValueOrDefault(current) ?? [])
                    stack.Push(next);
            }
            return false;
        }
    }
}
