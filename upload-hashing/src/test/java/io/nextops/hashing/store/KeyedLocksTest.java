package io.nextops.hashing.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyedLocksTest {

    @Test
    void dropsALockOnceNobodyHoldsIt() {
        KeyedLocks locks = new KeyedLocks();

        KeyedLocks.Entry outer = locks.acquire("a");
        KeyedLocks.Entry inner = locks.acquire("a");
        assertThat(inner).isSameAs(outer);
        locks.release("a", inner);
        assertThat(locks.size()).isEqualTo(1);
        locks.release("a", outer);

        assertThat(locks.size()).isZero();
    }
}
