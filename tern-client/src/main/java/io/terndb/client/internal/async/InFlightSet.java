package io.terndb.client.internal.async;

/**
 * The commands of one event loop that wait for a reply, for the timeout sweep: add and remove in O(1) (a removed
 * slot takes the last element), no allocation once grown. Loop thread only.
 */
final class InFlightSet {

    private AsyncCommand<?>[] commands = new AsyncCommand<?>[64];
    private int size;

    void add(AsyncCommand<?> command) {
        if (size == commands.length) {
            commands = java.util.Arrays.copyOf(commands, size * 2);
        }
        command.activeSlot = size;
        commands[size++] = command;
    }

    void remove(AsyncCommand<?> command) {
        int slot = command.activeSlot;
        if (slot < 0) {
            return;
        }
        AsyncCommand<?> last = commands[--size];
        commands[slot] = last;
        last.activeSlot = slot;
        commands[size] = null;
        command.activeSlot = -1;
    }

    int size() {
        return size;
    }

    AsyncCommand<?> get(int index) {
        return commands[index];
    }
}
