namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Where each instance stood after this process last committed a step of it: the record, its active bookmarks and its
/// state object, so that the instance's next step here reads one column (the revision, under the instance lock) instead of
/// the row and its bookmarks, and does not parse the state again. A step takes the snapshot (no other step can use it
/// meanwhile) and runs on it only when its revision is still the one in the database; a step elsewhere (another node, a
/// hold by an administrator) has moved the revision on, and the step then reads the instance as it would without one. A
/// step that fails leaves no snapshot behind; an instance that has ended keeps none.
/// </summary>
public sealed class InstanceSnapshots
{
    /// <summary>
    /// The state kept at most, counted in characters of the states' JSON (their objects take a few times that); a snapshot
    /// that would pass it lets the oldest go first: the instances stepped last are the likeliest to step again soon, and
    /// instances that wait for days should not hold memory.
    /// </summary>
    public const long StateBudget = 8_000_000;

    private readonly long _budget;
    private readonly Dictionary<string, LinkedListNode<Snapshot>> _snapshots = new(StringComparer.Ordinal);
    private readonly LinkedList<Snapshot> _oldestFirst = new();
    private readonly Lock _gate = new();
    private long _chars;
    private long _used;

    public InstanceSnapshots()
        : this(StateBudget)
    {
    }

    /// <summary>Keeps at most <paramref name="budget"/> characters of state JSON.</summary>
    public InstanceSnapshots(long budget) => _budget = budget;

    /// <summary>Steps that ran on a snapshot instead of reading the instance (for tests and the benchmark).</summary>
    public long Used => Interlocked.Read(ref _used);

    internal bool TryTake(string instanceId, out Snapshot snapshot)
    {
        lock (_gate)
        {
            if (!_snapshots.Remove(instanceId, out var node))
            {
                snapshot = null!;
                return false;
            }
            Forget(node);
            snapshot = node.Value;
            return true;
        }
    }

    internal void CountUse() => Interlocked.Increment(ref _used);

    /// <summary>Keeps where an instance stands after a committed step, unless it has ended (no step follows).</summary>
    internal void Keep(WorkflowInstanceRecord instance, List<BookmarkRecord> active, WorkflowState state)
    {
        if (instance.Status is not (WorkflowStatus.Running or WorkflowStatus.Suspended))
            return;
        if (instance.State.Length > _budget)
            return;
        lock (_gate)
        {
            if (_snapshots.Remove(instance.Id, out var replaced))
                Forget(replaced);
            while (_chars + instance.State.Length > _budget && _oldestFirst.First is { } oldest)
            {
                _snapshots.Remove(oldest.Value.Instance.Id);
                Forget(oldest);
            }
            _snapshots[instance.Id] = _oldestFirst.AddLast(new Snapshot(instance, active, state));
            _chars += instance.State.Length;
        }
    }

    /// <summary>The number of snapshots kept (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _snapshots.Count;
        }
    }

    private void Forget(LinkedListNode<Snapshot> node)
    {
        _oldestFirst.Remove(node);
        _chars -= node.Value.Instance.State.Length;
    }

    internal sealed record Snapshot(WorkflowInstanceRecord Instance, List<BookmarkRecord> ActiveBookmarks, WorkflowState State);
}
