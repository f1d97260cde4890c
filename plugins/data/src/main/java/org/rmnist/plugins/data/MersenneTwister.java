package org.rmnist.plugins.data;

/**
 * MT19937 exactly as CPython's {@code random} module uses it (Python 2.7 and 3): seeded from an int
 * through {@code init_by_array}, doubles from {@code genrand_res53}. Used only to reproduce
 * external protocols; rmnist's own randomness uses {@link org.rmnist.api.Seed}.
 */
final class MersenneTwister {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int mti;

  /** Same state as Python's {@code random.seed(seed)} for a non-negative int below 2^32. */
  MersenneTwister(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must fit in 32 unsigned bits, got " + seed);
    }
    initByArray(new int[] {(int) seed});
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (mti = 1; mti < N; mti++) {
      mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** The next 32 random bits, as an unsigned value. */
  long nextInt32() {
    if (mti >= N) {
      int kk;
      for (kk = 0; kk < N - M; kk++) {
        int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      mti = 0;
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xFFFFFFFFL;
  }

  /** Python's {@code random.random()}: a 53-bit double in [0, 1). */
  double nextDouble() {
    long a = nextInt32() >>> 5;
    long b = nextInt32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** Python 2.7's {@code random.shuffle(x)}: {@code j = int(random() * (i + 1))}. */
  void python2Shuffle(int[] x) {
    for (int i = x.length - 1; i >= 1; i--) {
      int j = (int) (nextDouble() * (i + 1));
      int t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }
}
