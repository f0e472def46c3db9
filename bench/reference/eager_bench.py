"""What the PyTorch-eager references share: the BLAS check and the timing of a train step.

Imported by dcgan.py and wgan_gp.py (run them from anywhere: Python puts this folder on the path).
"""
import os
import resource
import statistics
import sys
import time

import torch


def blas_name():
    """The BLAS behind libblas.so.3; warns when it is the slow reference BLAS."""
    link = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    target = os.path.realpath(link) if os.path.exists(link) else ""
    if "openblas" not in target and "mkl" not in target:
        print(f"WARNING: libblas.so.3 is {target or 'unknown'}, not an optimised BLAS",
              file=sys.stderr)
        return "reference-blas"
    return os.path.basename(os.path.dirname(target))


def process_seconds():
    """Seconds since this process started (Linux: /proc), or NaN where that cannot be read."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def time_step(step, batch, warmup, steps, reps, threads, unit="step"):
    """Runs step() warmup times, then reps x steps timed, and prints the RESULT line: the
    median images/s (batch images per call), the median ms per call, the peak RSS, and the
    seconds from the process's start to the end of the first step.

    With GEN4J_TORCH_PROFILE=FILE in the environment, the timed repetitions run under
    torch.profiler (CPU operators, with shapes) and its Chrome trace is written to FILE, the
    format of gen4j's PyTorch-engine profile: bench/profile-summary sums either."""
    blas = blas_name()
    step()
    first = process_seconds()
    for _ in range(warmup - 1):
        step()
    profile_file = os.environ.get("GEN4J_TORCH_PROFILE")
    profiler = None
    if profile_file:
        profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU],
                                          record_shapes=True)
        profiler.__enter__()
    ms = []
    for rep in range(reps):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        ms.append((time.perf_counter() - start) * 1000 / steps)
        print(f"rep {rep}: {ms[-1]:.2f} ms/{unit}")
    if profiler is not None:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(profile_file)
        print(f"torch profile: {profile_file}")
    m = statistics.median(ms)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT impl=pytorch-eager torch={torch.__version__} blas={blas} threads={threads} "
          f"batch={batch} images_per_s={batch * 1000 / m:.1f} ms_per_{unit}={m:.2f} "
          f"first_step_s={first:.2f} peak_rss_mb={rss_mb:.0f}")
