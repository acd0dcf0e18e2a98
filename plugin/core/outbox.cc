#include "plugin/core/outbox.h"
