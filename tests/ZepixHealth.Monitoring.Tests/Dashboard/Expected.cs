namespace ZepixHealth.Monitoring.Tests.Dashboard;

/// <summary>The whole expected outputs of <see cref="HealthDashboardTests"/>, one raw string per message.</summary>
internal static class Expected
{
    public static readonly string[] OverviewHtml =
    [
        """
        🏥 <b>Plugin Health Dashboard</b>
        ━━━━━━━━━━━━━━━━━━━━
        <i>2025-06-01 12:00:00 UTC</i>

        🟢 <b>v3-combined</b>
        ├ Status: Healthy
        ├ Uptime: 2h 05m
        ├ Exec Time: 37.3 ms (P95)
        ├ Memory: 120.5 MB
        ├ CPU: 3.2%
        ├ Error Rate: 0.50%
        └ P95 trend (6 h): ▂▂▃▃▄▅▅▆▆▇▇█

        🔴 <b>v6-&lt;b&gt;15m&lt;/b&gt;</b>
        ├ Status: Dead
        ├ Why: IsAliveAsync returned false. Last error: socket &lt;/code&gt; reset
        ├ Uptime: n/a
        ├ Exec Time: n/a
        ├ Memory: n/a
        ├ CPU: n/a
        ├ Error Rate: n/a
        └ P95 trend (6 h): n/a

        🟢 <b>host</b>
        ├ Status: Healthy
        ├ Uptime: 3d 12h
        ├ Exec Time: n/a
        ├ Memory: 512 MB
        ├ CPU: 12.5%
        ├ Error Rate: n/a
        └ P95 trend (6 h): n/a

        ⚠️ <b>Recent Alerts (last 5):</b>
        • [3m ago] 🔴 <b>v6-&lt;b&gt;15m&lt;/b&gt;</b>: IsAliveAsync returned false &amp; &lt;script&gt;
        • [2h ago] ✅ <b>v3-combined</b>: P95 40 ms above 30 ms (resolved)
        """,
    ];

    public static readonly string[] OverviewPlain =
    [
        """
        Plugin Health Dashboard, 2025-06-01 12:00:00 UTC
             PLUGIN               STATUS      UPTIME   P95 ms   MEM MB  CPU %  ERR %  P95 TREND (6 h)
          🟢 v3-combined          Healthy     2h 05m     37.3    120.5    3.2   0.50  ▂▂▃▃▄▅▅▆▆▇▇█
          🔴 v6-<b>15m</b>        Dead           n/a      n/a      n/a    n/a    n/a  n/a
               why: IsAliveAsync returned false. Last error: socket </code> reset
          🟢 host                 Healthy     3d 12h      n/a    512.0   12.5    n/a  n/a

        ⚠️ Recent Alerts (last 5):
          • [3m ago] 🔴 v6-<b>15m</b>: IsAliveAsync returned false & <script>
          • [2h ago] ✅ v3-combined: P95 40 ms above 30 ms (resolved)
        """,
    ];

    public static readonly string[] DetailHtml =
    [
        """
        🟢 <b>v3-combined</b> · Healthy
        <i>checked 2025-06-01 11:59:30 UTC (30s ago)</i>

        <b>Availability</b>
        ├ Running: yes
        ├ Responsive: yes
        ├ Last activity: 31s ago
        └ Uptime: 2h 05m

        <b>Performance (1 h)</b>
        ├ Exec time: avg 12 ms, P50 10 ms, P95 37.3 ms, P99 80 ms
        ├ P95 trend (6 h): ▂▂▃▃▄▅▅▆▆▇▇█
        ├ Signals: 16, orders: 3
        └ Signal accuracy: 45.5%, win rate: 50%

        <b>Resources</b>
        ├ Memory: 120.5 MB of 800 MB
        ├ CPU: 3.2%
        ├ DB connections: 2 of 10, query avg 3.1 ms
        └ Open files: 12

        <b>Errors (1 h)</b>
        ├ Errors: 1 (critical 0), warnings: 4
        ├ Error rate: 0.50%
        └ Last error (3m ago): <code>System.TimeoutException</code> Timeout &lt;after&gt; 5 s &amp; more

        <b>Self-test</b>: ✅ passed (2m ago): exchange reachable

        <b>Open alerts (0)</b>
        none
        """,
    ];

    public static readonly string[] DeadDetailPlain =
    [
        """
        🔴 v6-<b>15m</b> · Dead
        checked 2025-06-01 11:59:30 UTC (30s ago)
        Why: IsAliveAsync returned false. Last error: socket </code> reset

        Availability
        ├ Running: no
        ├ Responsive: yes
        ├ Last activity: n/a
        └ Uptime: n/a

        Performance (1 h)
        ├ Exec time: avg n/a, P50 n/a, P95 n/a, P99 n/a
        ├ P95 trend (6 h): n/a
        ├ Signals: n/a, orders: n/a
        └ Signal accuracy: n/a, win rate: n/a

        Resources
        ├ Memory: n/a
        ├ CPU: n/a
        ├ DB connections: n/a of n/a, query avg n/a
        └ Open files: n/a

        Errors (1 h)
        ├ Errors: n/a (critical n/a), warnings: n/a
        ├ Error rate: n/a
        └ Last error: n/a

        Self-test: not run yet

        Open alerts (1)
        🔴 00000001 v6-<b>15m</b> · availability · Critical, firing 3m 00s
           IsAliveAsync returned false & <script>
        """,
    ];

    public static readonly string[] OpenAlertsHtml =
    [
        """
        🚨 <b>Open alerts (1)</b>
        🔴 <code>00000001</code> <b>v6-&lt;b&gt;15m&lt;/b&gt;</b> · availability · Critical, firing 3m 00s
           IsAliveAsync returned false &amp; &lt;script&gt;

        Acknowledge one with /ack &lt;id&gt;.
        """,
    ];
}
