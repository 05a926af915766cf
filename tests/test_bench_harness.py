"""The bench harness's own arithmetic (no servers, no wrk): reading wrk's report,
choosing figures, keeping each database's section of bench/RESULTS.md."""

from __future__ import annotations

import pytest

from bench import figures, results, wrk

SLOW = """Running 10s test @ http://127.0.0.1:59271
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   638.18ms  163.16ms   1.05s    72.46%
    Req/Sec    16.65      9.93    40.00     58.82%
  Latency Distribution
     50%  638.34ms
     75%  699.78ms
     90%  904.49ms
     99%    1.05s
  690 requests in 10.09s, 104.08KB read
Requests/sec:     68.39
Transfer/sec:     33.65KB
""".replace("1.05s\n", "1.05s \n")  # wrk pads seconds

FAST_WITH_ERRORS = """Running 10s test @ http://127.0.0.1:8000
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.02ms    2.10ms  40.12ms   90.00%
    Req/Sec     0.89k    60.00     1.00k    70.00%
  Latency Distribution
     50%  850.00us
     75%    9.50ms
     90%   11.00ms
     99%   18.40ms
  17800 requests in 10.00s, 2.80MB read
  Socket errors: connect 0, read 3, write 1, timeout 2
  Non-2xx or 3xx responses: 12
Requests/sec:   1779.95
Transfer/sec:    286.00KB
"""


def test_reads_throughput_and_p99_in_any_unit():
    slow = wrk.parse(SLOW)
    assert (slow.requests, slow.seconds, slow.rps) == (690, 10.09, 68.39)
    assert slow.p99_ms == pytest.approx(1050.0)
    assert slow.failures == 0
    assert wrk.parse(FAST_WITH_ERRORS).p99_ms == pytest.approx(18.4)


def test_non_2xx_answers_timeouts_and_socket_errors_are_failures():
    result = wrk.parse(FAST_WITH_ERRORS)
    assert (result.non_2xx, result.timeouts, result.read_errors) == (12, 2, 3)
    assert result.failures == 12 + 2 + 3 + 1


def test_a_report_without_the_latency_distribution_is_refused():
    without = SLOW.replace("99%    1.05s", "")
    with pytest.raises(wrk.WrkOutputError):
        wrk.parse(without)
    with pytest.raises(wrk.WrkOutputError):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


def test_request_lines_keep_tabs_and_newlines_out(tmp_path):
    path = wrk.write_requests(tmp_path / "r", [("POST", "/api/v1/status/LD", '{"code": "X"}')])
    assert path.read_text() == 'POST\t/api/v1/status/LD\t{"code": "X"}\n'
    with pytest.raises(ValueError):
        wrk.write_requests(tmp_path / "r", [("GET", "/a\tb", "")])


def test_only_takes_a_name_or_a_group():
    assert figures.selected("search-2", ["search"])
    assert figures.selected("search-2", [])
    assert not figures.selected("search-2", ["detail"])
    assert not figures.selected("status", ["stat"])  # a group ends at a dash


def test_results_keep_the_other_database_section(tmp_path):
    path = tmp_path / "RESULTS.md"
    results.write("postgresql", "## postgresql\n\nold", path)
    results.write("sqlite", "## sqlite\n\nfirst", path)
    results.write("sqlite", "## sqlite\n\nsecond", path)
    text = path.read_text()
    assert "second" in text and "first" not in text and "old" in text
    assert text.index("## sqlite") < text.index("## postgresql")
    row = results.Row("case detail", "120 req/s", "40%", "≥ 50%", False)
    assert "| case detail | 120 req/s | 40% | ≥ 50% | MISSED |" in results.markdown([row])
