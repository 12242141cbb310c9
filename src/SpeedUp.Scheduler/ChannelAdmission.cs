namespace SpeedUp.Scheduler;

/// <summary>
/// The call slots of one channel (see <see cref="ChannelAdmissionOptions"/>): a bulkhead with bounded queues. A free
/// slot goes first to the service's own work, then to the waiting customer with the fewest calls running (ties: the
/// one waiting longest); each customer's calls keep their order. Per-customer bookkeeping exists only while a customer
/// has calls running or waiting. Thread-safe.
/// </summary>
public sealed class ChannelAdmission
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly LinkedList<Waiter> _service = new();
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private long _arrivals;
    private int _running;
    private int _customersWaiting;
    private long _refused;

    /// <summary>Creates the slots of one channel.</summary>
    public ChannelAdmission(int maxConcurrentCalls, int queueLimit, int queueLimitPerCustomer, TimeSpan queueTimeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCalls, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimitPerCustomer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(queueTimeout, TimeSpan.Zero);
        MaxConcurrentCalls = maxConcurrentCalls;
        QueueLimit = queueLimit;
        QueueLimitPerCustomer = queueLimitPerCustomer;
        QueueTimeout = queueTimeout;
        _time = time;
    }

    /// <summary>Calls running at once, at most.</summary>
    public int MaxConcurrentCalls { get; }

    /// <summary>Customers' calls waiting, at most.</summary>
    public int QueueLimit { get; }

    /// <summary>One customer's calls waiting, at most.</summary>
    public int QueueLimitPerCustomer { get; }

    /// <summary>Longest wait for a slot.</summary>
    public TimeSpan QueueTimeout { get; }

    /// <summary>Calls holding a slot now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Calls waiting for a slot now (service and customers).</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _service.Count + _customersWaiting;
            }
        }
    }

    /// <summary>Customers with calls running or waiting now (the size of the per-customer bookkeeping).</summary>
    public int ActiveCustomers
    {
        get
        {
            lock (_gate)
            {
                return _tenants.Count;
            }
        }
    }

    /// <summary>Calls refused as busy since start-up.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Waits for a slot for <paramref name="customerId"/> (null: the service's own work). Returns the slot, to dispose
    /// when the call ends, or null when the channel is busy: the queues are full or no slot came within the queue timeout.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<IDisposable?> EnterAsync(string? customerId, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            var tenant = customerId is null ? null : TenantOf(customerId);
            if (_running < MaxConcurrentCalls && _service.Count == 0 && _customersWaiting == 0)
            {
                return Grant(tenant);
            }

            if (tenant is not null && (tenant.Waiting.Count >= QueueLimitPerCustomer || _customersWaiting >= QueueLimit))
            {
                Forget(tenant);
                Interlocked.Increment(ref _refused);
                return null;
            }

            waiter = new Waiter(this, tenant, ++_arrivals);
            if (tenant is null)
            {
                waiter.Node = _service.AddLast(waiter);
            }
            else
            {
                waiter.Node = tenant.Waiting.AddLast(waiter);
                _customersWaiting++;
            }
        }

        using (var timer = new CancellationTokenSource(QueueTimeout, _time))
        using (timer.Token.UnsafeRegister(static w => ((Waiter)w!).Abandon(), waiter))
        using (cancellationToken.UnsafeRegister(static w => ((Waiter)w!).Abandon(), waiter))
        {
            if (await waiter.Outcome.Task.ConfigureAwait(false))
            {
                return new Slot(this, waiter.Tenant);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _refused);
        return null;
    }

    private Slot Grant(Tenant? tenant)
    {
        _running++;
        if (tenant is not null)
        {
            tenant.Running++;
        }

        return new Slot(this, tenant);
    }

    private void Leave(Tenant? tenant)
    {
        lock (_gate)
        {
            _running--;
            if (tenant is not null)
            {
                tenant.Running--;
                Forget(tenant);
            }

            while (_running < MaxConcurrentCalls && Next() is { } next)
            {
                Remove(next);
                _running++;
                if (next.Tenant is not null)
                {
                    next.Tenant.Running++;
                }

                next.Outcome.TrySetResult(true);
            }
        }
    }

    /// <summary>Takes a waiter out of its queue (timed out or cancelled) unless it was admitted already.</summary>
    private void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return; // Already granted or abandoned.
            }

            Remove(waiter);
            if (waiter.Tenant is not null)
            {
                Forget(waiter.Tenant);
            }

            waiter.Outcome.TrySetResult(false);
        }
    }

    /// <summary>The next waiter to admit: service work first, then the customer with the fewest calls running.</summary>
    private Waiter? Next()
    {
        if (_service.First is { } service)
        {
            return service.Value;
        }

        Waiter? best = null;
        foreach (var tenant in _tenants.Values)
        {
            if (tenant.Waiting.First is not { } first)
            {
                continue;
            }

            if (best is null || tenant.Running < best.Tenant!.Running
                || (tenant.Running == best.Tenant.Running && first.Value.Arrival < best.Arrival))
            {
                best = first.Value;
            }
        }

        return best;
    }

    private void Remove(Waiter waiter)
    {
        if (waiter.Node is not { } node)
        {
            return;
        }

        node.List!.Remove(node);
        waiter.Node = null;
        if (waiter.Tenant is not null)
        {
            _customersWaiting--;
        }
    }

    private Tenant TenantOf(string customerId)
    {
        if (!_tenants.TryGetValue(customerId, out var tenant))
        {
            tenant = new Tenant(customerId);
            _tenants.Add(customerId, tenant);
        }

        return tenant;
    }

    private void Forget(Tenant tenant)
    {
        if (tenant.Running == 0 && tenant.Waiting.Count == 0)
        {
            _tenants.Remove(tenant.CustomerId);
        }
    }

    private sealed class Tenant(string customerId)
    {
        public string CustomerId { get; } = customerId;

        public int Running { get; set; }

        public LinkedList<Waiter> Waiting { get; } = new();
    }

    private sealed class Waiter(ChannelAdmission admission, Tenant? tenant, long arrival)
    {
        public void Abandon() => admission.Abandon(this);

        public Tenant? Tenant { get; } = tenant;

        public long Arrival { get; } = arrival;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Slot(ChannelAdmission admission, Tenant? tenant) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                admission.Leave(tenant);
            }
        }
    }
}
