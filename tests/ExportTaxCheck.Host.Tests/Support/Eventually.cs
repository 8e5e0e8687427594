namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>Waits for background work (a worker picking up a signal) with a bound, polling; never used to wait for time to pass.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not hold in time; last value: " + value);
            await Task.Delay(25);
        }
    }
}
