# Sets up a freshly initialised RT 5 database as the demo desk, through RT's own API (run with RT_SITE_CONFIG and
# RT_SITE_CONFIG_DIR pointing at the instance's private configuration, and RT's library on perl's -I):
#   perl -I/usr/share/request-tracker5/lib setup-demo-desk.pl <api user> <agent user> <marker CF> <confidence CF> <tags CF> <queue>...
# - the API user ticket-triage logs in as, with only the rights the adapter needs (no SuperUser), so that a right
#   the documentation forgets shows up as a refusal in the tests;
# - an agent (SuperUser) the tests file and handle tickets as, the way people do;
# - the queues (General, RT's own, is where new tickets arrive) and the two ticket custom fields on every queue.
# Prints one "<user>=<auth string>" line per user: RT stores a token hashed, so this is the only time it is readable.
use strict;
use warnings;
use RT;

RT::LoadConfig();
RT::Init();

my ($api_name, $agent_name, $marker_cf, $confidence_cf, $tags_cf, @queues) = @ARGV;
die "usage: setup-demo-desk.pl <api user> <agent user> <marker CF> <confidence CF> <tags CF> <queue>...\n" unless @queues;

# What ticket-triage does: read and search tickets of every queue, move them between queues (RT asks for CreateTicket
# in the queue a ticket moves to), set the priority and the custom fields, and add and read private comments.
my @api_rights = qw(SeeQueue ShowTicket ShowTicketComments ModifyTicket CreateTicket CommentOnTicket SeeCustomField
    ModifyCustomField);

sub check {
    my ($what, $ok, $msg) = @_;
    die "$what: $msg\n" unless $ok;
}

sub user {
    my ($name) = @_;
    my $user = RT::User->new(RT->SystemUser);
    check("user $name", $user->Create(Name => $name, EmailAddress => "$name\@example.com", Privileged => 1));
    return $user;
}

sub token {
    my ($user) = @_;
    # Created by the system user: a user needs ManageAuthTokens to make its own, which the API user has no use for.
    my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(Owner => $user->Id,
        Description => 'ticket-triage tests');
    check("token of " . $user->Name, $id, $msg);
    return $auth;
}

my $api = user($api_name);
for my $right (@api_rights) {
    check("right $right", $api->PrincipalObj->GrantRight(Right => $right, Object => RT->System));
}
my $agent = user($agent_name);
check("SuperUser for $agent_name", $agent->PrincipalObj->GrantRight(Right => 'SuperUser', Object => RT->System));

for my $name (@queues) {
    my $queue = RT::Queue->new(RT->SystemUser);
    $queue->Load($name);
    next if $queue->Id;
    check("queue $name", $queue->Create(Name => $name));
}

for my $field ([$marker_cf, 0], [$confidence_cf, 1], [$tags_cf, 0]) {
    my $cf = RT::CustomField->new(RT->SystemUser);
    check("custom field $field->[0]", $cf->Create(Name => $field->[0], Type => 'Freeform', MaxValues => $field->[1],
        LookupType => RT::Ticket->CustomFieldLookupType));
    # Applied to the empty queue object: to every queue, the ones made later included.
    check("custom field $field->[0] on every queue", $cf->AddToObject(RT::Queue->new(RT->SystemUser)));
}

print "$api_name=", token($api), "\n";
print "$agent_name=", token($agent), "\n";
