#include "plugin/core/audit.h"
