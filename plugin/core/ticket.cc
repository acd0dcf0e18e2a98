#include "plugin/core/ticket.h"
