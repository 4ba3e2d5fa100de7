# Runs a command (starman and the workers it forks) in a process group of its own, for as long as the JVM that
# started it keeps this script's standard input open:
#   perl guardian.pl <command> <argument>...
# When the input closes - the JVM closed it, or died, even by kill -9 - or this script is told to stop (TERM, INT,
# HUP), the whole group gets TERM, then KILL after 5 s: no RT process outlives the test that started it. When the
# command ends on its own (starman could not listen, say), so does this script, with the command's exit status.
use strict;
use warnings;
use IO::Select;
use POSIX ();

die "usage: guardian.pl <command> <argument>...\n" unless @ARGV;

my $child = fork();
die "cannot fork: $!\n" unless defined $child;
if ($child == 0) {
    setpgrp(0, 0);
    open(STDIN, '<', '/dev/null') or die "cannot reopen STDIN: $!\n";
    exec { $ARGV[0] } @ARGV or die "cannot run $ARGV[0]: $!\n";
}
# The child makes its group itself; doing it here too closes the race with a signal that comes before it has.
setpgrp($child, $child);

my $stop = 0;
$SIG{$_} = sub { $stop = 1 } for qw(TERM INT HUP);
$SIG{PIPE} = 'IGNORE';

my $input = IO::Select->new(\*STDIN);
my $status;
until ($stop) {
    if (waitpid($child, POSIX::WNOHANG()) == $child) {
        $status = $?;
        last;
    }
    next unless $input->can_read(0.2);
    my $read = sysread(STDIN, my $ignored, 4096);
    $stop = 1 if defined $read && $read == 0;
}

# Whatever ended the wait, the group goes: the master may be gone while a worker still runs.
kill 'TERM', -$child;
for (1 .. 50) {
    if (!defined $status && waitpid($child, POSIX::WNOHANG()) == $child) {
        $status = $?;
    }
    last if defined $status && !kill(0, -$child);
    select(undef, undef, undef, 0.1);
}
kill 'KILL', -$child;
$status = (waitpid($child, 0) == $child ? $? : 0) unless defined $status;
exit($status >> 8 || ($status & 127 ? 128 + ($status & 127) : 0));
