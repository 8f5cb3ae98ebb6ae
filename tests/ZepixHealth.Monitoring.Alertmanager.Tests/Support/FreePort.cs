using System.Net;
using System.Net.Sockets;

namespace ZepixHealth.Monitoring.Alertmanager.Tests.Support;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
