using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mapping;

/// <summary>Finds a user's device by id: a scan for the usual handful, a dictionary for users with many.</summary>
internal readonly struct DeviceIndex
{
    private const int ScanLimit = 8;

    private readonly IReadOnlyList<SynapseDevice> _devices;
    private readonly Dictionary<string, int>? _byId;

    public DeviceIndex(IReadOnlyList<SynapseDevice> devices)
    {
        _devices = devices;
        if (devices.Count > ScanLimit)
        {
            _byId = new Dictionary<string, int>(devices.Count, StringComparer.Ordinal);
            for (var index = 0; index < devices.Count; index++)
            {
                _byId.TryAdd(devices[index].DeviceId, index);
            }
        }
    }

    /// <summary>The index of the device, or -1 when the user has no such device.</summary>
    public int IndexOf(string deviceId)
    {
        if (_byId is not null)
        {
            return _byId.TryGetValue(deviceId, out var found) ? found : -1;
        }

        for (var index = 0; index < _devices.Count; index++)
        {
            if (string.Equals(_devices[index].DeviceId, deviceId, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return -1;
    }
}
