//! The allocator `bangchim` runs with, and how it is set up.
//!
//! The build allocates per token, per page and per rule: mimalloc spends a
//! fraction of glibc malloc's time on it. By default mimalloc gives memory
//! that stayed free for a second back to the system, and the build then
//! faults it in again: at 10,000 policies, 96,195 page faults and about 3 s of the
//! kernel zeroing pages (`perf stat`), against 4,611 faults with purging
//! off. A build is a short process, and `serve` rebuilds into the same
//! amount of memory again: both keep what they freed.

/// The global allocator of the `bangchim` binary and its benchmarks.
pub type Allocator = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, `mi_option_e`).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Turns off giving freed memory back to the system: call first thing in
/// `main`.
pub fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options to a value its header
    // documents (-1, no purging); called before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads an option.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        // No other option of mimalloc 3 defaults to 1000 (`options.c`).
        assert_eq!(default, 1000, "mimalloc's default purge delay, in ms");
    }
}
