using System.Globalization;

namespace Adal.Bench.Load;

/// <summary>
/// The whole machine's CPU from /proc/stat: busy time over all cores, and time the hypervisor gave to other
/// guests (steal). A phase subtracts the host, the database and the load generator from the busy time: what is
/// left is the neighbours, which on a shared machine explains a phase that got fewer cores than the last.
/// </summary>
internal readonly record struct MachineCpu(double BusySeconds, double StealSeconds)
{
    public static MachineCpu Read()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture) / 100.0).ToArray(); // USER_HZ
        // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already inside user.
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
        return new MachineCpu(busy, fields.Length > 7 ? fields[7] : 0);
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) =>
        new(after.BusySeconds - before.BusySeconds, after.StealSeconds - before.StealSeconds);
}
